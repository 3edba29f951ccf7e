package dev.paved.gitops.sync;

/** What started a sync. */
public enum Trigger {
  MERGE,
  PERIODIC,
  MANUAL,
  RETRY,
  /** This replica took over a shard from another (several replicas). */
  TAKEOVER
}
