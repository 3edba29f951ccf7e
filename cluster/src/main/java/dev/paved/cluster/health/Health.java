package dev.paved.cluster.health;

/** A health status and the sentence that explains it. */
public record Health(HealthStatus status, String message) {

  public static Health healthy(String message) {
    return new Health(HealthStatus.HEALTHY, message);
  }

  public static Health progressing(String message) {
    return new Health(HealthStatus.PROGRESSING, message);
  }

  public static Health degraded(String message) {
    return new Health(HealthStatus.DEGRADED, message);
  }

  public static Health suspended(String message) {
    return new Health(HealthStatus.SUSPENDED, message);
  }

  public static Health missing(String message) {
    return new Health(HealthStatus.MISSING, message);
  }

  /** The health could not be assessed (cluster unreachable, object unreadable), and why. */
  public static Health unknown(String reason) {
    return new Health(HealthStatus.UNKNOWN, reason);
  }
}
