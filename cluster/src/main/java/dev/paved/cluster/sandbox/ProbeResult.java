package dev.paved.cluster.sandbox;

/** The outcome of one health probe of a component. */
sealed interface ProbeResult {

  record Healthy() implements ProbeResult {}

  /**
   * @param reason why, in a few words ({@code connection refused}, {@code HTTP 500: …})
   */
  record Unhealthy(String reason) implements ProbeResult {}

  default boolean healthy() {
    return this instanceof Healthy;
  }
}
