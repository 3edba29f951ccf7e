package dev.paved.cluster.health;

/** Health states, from best to worst; an app takes the worst of its objects. */
public enum HealthStatus {
  HEALTHY,
  SUSPENDED,
  PROGRESSING,
  MISSING,
  DEGRADED,
  UNKNOWN;

  public boolean worseThan(HealthStatus other) {
    return ordinal() > other.ordinal();
  }
}
