-- With several replicas the last complete sync is kept per shard: "env@target-N-of-M", where an
-- environment and a target name may each be 63 characters long.
ALTER TABLE synced_revisions ALTER COLUMN env SET DATA TYPE VARCHAR(200);
