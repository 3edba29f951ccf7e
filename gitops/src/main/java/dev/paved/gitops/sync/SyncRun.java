package dev.paved.gitops.sync;

import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Duration;
import java.time.Instant;

/**
 * One app's sync in one environment.
 *
 * @param deployment the app and environment
 * @param revision the main commit synced
 * @param trigger what started it
 * @param started when
 * @param took how long
 * @param status the result in one word
 * @param created objects created
 * @param configured objects changed (or replaced)
 * @param unchanged objects left alone
 * @param failed objects refused
 * @param deleted objects pruned
 * @param message the sentence a person reads
 */
public record SyncRun(
    Deployment deployment,
    String revision,
    Trigger trigger,
    Instant started,
    Duration took,
    Status status,
    int created,
    int configured,
    int unchanged,
    int failed,
    int deleted,
    String message) {

  /** The result of a run. */
  public enum Status {
    SYNCED,
    FAILED,
    BLOCKED,
    REMOVED,
    HANDED_OFF;

    /** Whether trying again later may help (the cluster, not the input, failed). */
    public boolean retryable() {
      return this == FAILED;
    }
  }
}
