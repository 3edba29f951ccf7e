package dev.paved.gitops.sync;

import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.function.Predicate;

/**
 * Which apps this replica syncs. One replica syncs everything; several split the work into {@link
 * Shards}, and each syncs only the shards it leads now. The last complete sync of an environment is
 * then kept per shard, so that each shard's owner finds the apps removed from main since its shard
 * was last synced, whichever replica synced it.
 */
public interface Ownership {

  /** The shard of a deployment on {@code target}. */
  String shardOf(String target, Deployment deployment);

  /** Every shard of {@code target}. */
  java.util.List<String> shardsOf(String target);

  /** Whether this replica may sync the shard now (asked again before each app). */
  boolean owns(String shard);

  /** The key of a shard's last complete sync of {@code env} in the {@link SyncHistory}. */
  String syncKey(String env, String shard);

  /** One replica: every app, and one key per environment. */
  static Ownership everything() {
    return new Ownership() {
      @Override
      public String shardOf(String target, Deployment deployment) {
        return target;
      }

      @Override
      public java.util.List<String> shardsOf(String target) {
        return java.util.List.of(target);
      }

      @Override
      public boolean owns(String shard) {
        return true;
      }

      @Override
      public String syncKey(String env, String shard) {
        return env;
      }
    };
  }

  /** Several replicas: the shards {@code owned} says this one leads now. */
  static Ownership sharded(Shards shards, Predicate<String> owned) {
    return new Ownership() {
      @Override
      public String shardOf(String target, Deployment deployment) {
        return shards.of(target, deployment);
      }

      @Override
      public java.util.List<String> shardsOf(String target) {
        return shards.all(java.util.List.of(target));
      }

      @Override
      public boolean owns(String shard) {
        return owned.test(shard);
      }

      @Override
      public String syncKey(String env, String shard) {
        return env + "@" + shard;
      }
    };
  }
}
