package dev.paved.gitops.sync;

/** What started a sync. */
public enum Trigger {
  MERGE,
  PERIODIC,
  MANUAL,
  RETRY
}
