package dev.paved.cluster.doctor;

/** How urgent a finding is; written in lower case in JSON. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
