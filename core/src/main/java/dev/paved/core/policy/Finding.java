package dev.paved.core.policy;

import java.util.Optional;

/**
 * One rule broken by one object.
 *
 * @param rule the rule id, e.g. {@code SEC-02}
 * @param severity block or warn
 * @param object {@code Kind/name} of the object, or {@code App/name} for app-wide findings
 * @param message what is wrong, in a sentence
 * @param fix how to fix it, in a sentence
 * @param waiver the waiver that excuses it, if any (a waived finding never blocks)
 */
public record Finding(
    String rule,
    Severity severity,
    String object,
    String message,
    String fix,
    Optional<Waiver> waiver) {

  /** Whether this finding fails the check. */
  public boolean blocks() {
    return severity == Severity.BLOCK && waiver.isEmpty();
  }

  Finding waivedBy(Waiver w) {
    return new Finding(rule, severity, object, message, fix, Optional.of(w));
  }
}
