package dev.paved.core.policy;

/**
 * How much a finding matters: {@code BLOCK} fails the check and the merge; {@code WARN} informs.
 */
public enum Severity {
  BLOCK,
  WARN;

  /** The word used in files and JSON: {@code block} or {@code warn}. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
