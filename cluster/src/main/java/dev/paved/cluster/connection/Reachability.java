package dev.paved.cluster.connection;

import java.time.Instant;

/** Whether a cluster answered its last probe. */
public sealed interface Reachability {

  /** The API server answered; {@code since} is when it first did after being unreachable. */
  record Reachable(Instant since) implements Reachability {}

  /**
   * The API server did not answer.
   *
   * @param reason the last error, in a sentence
   * @param since when it stopped answering
   * @param failures probes failed in a row
   * @param nextTry no probe before this instant (the backoff)
   */
  record Unreachable(String reason, Instant since, int failures, Instant nextTry)
      implements Reachability {}
}
