package dev.paved.core.policy;

import java.util.List;

/**
 * A built-in rule: id, severity, title, fix, and a function listing the violations.
 *
 * @param fix the fix sentence every finding of this rule carries
 */
record SimpleRule(String id, Severity severity, String title, String fix, Checker checker)
    implements Rule {

  /** Lists the violations of a rule in a manifest. */
  @FunctionalInterface
  interface Checker {
    List<Violation> violations(Manifest manifest);
  }

  /** An object and what is wrong with it. */
  record Violation(String object, String message) {}

  static SimpleRule of(String id, Severity severity, String title, String fix, Checker checker) {
    return new SimpleRule(id, severity, title, fix, checker);
  }

  @Override
  public List<Finding> check(Manifest manifest) {
    return checker.violations(manifest).stream()
        .map(
            v ->
                new Finding(id, severity, v.object(), v.message(), fix, java.util.Optional.empty()))
        .toList();
  }
}
