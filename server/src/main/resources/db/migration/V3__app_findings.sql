-- The doctor's current findings per app and environment, kept so a restarted server (or one that
-- lost its cluster) still shows what was last known.
CREATE TABLE app_findings (
  team       VARCHAR(64) NOT NULL,
  app        VARCHAR(64) NOT NULL,
  env        VARCHAR(64) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  diagnosis  TEXT        NOT NULL,
  PRIMARY KEY (team, app, env)
);
