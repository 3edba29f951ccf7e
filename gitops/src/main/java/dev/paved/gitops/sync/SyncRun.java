package dev.paved.gitops.sync;

import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One app's sync in one environment.
 *
 * @param deployment the app and environment
 * @param revision the main commit synced
 * @param trigger what started it
 * @param started when
 * @param took how long
 * @param status the result in one word
 * @param objects what happened to each object
 * @param message the sentence a person reads
 */
public record SyncRun(
    Deployment deployment,
    String revision,
    Trigger trigger,
    Instant started,
    Duration took,
    Status status,
    List<ObjectResult> objects,
    String message) {

  public SyncRun {
    objects = List.copyOf(objects);
  }

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

  /** What a sync did to one object: {@code Kind/namespace/name}, the outcome, and why. */
  public record ObjectResult(String object, Outcome outcome, String reason) {}

  /** The outcome of one object. */
  public enum Outcome {
    CREATED,
    CONFIGURED,
    REPLACED,
    UNCHANGED,
    HEALED,
    FAILED,
    DELETED,
    KEPT
  }

  public long count(Outcome outcome) {
    return objects.stream().filter(o -> o.outcome() == outcome).count();
  }

  public long created() {
    return count(Outcome.CREATED);
  }

  public long deleted() {
    return count(Outcome.DELETED);
  }

  public long failed() {
    return count(Outcome.FAILED);
  }
}
