package dev.paved.core.policy;

import java.util.List;

/**
 * The findings of one check, waived ones included (waivers are visible in every report).
 *
 * @param app the app
 * @param environment the environment
 * @param target the target
 * @param findings every finding, in rule order
 */
public record CheckReport(String app, String environment, String target, List<Finding> findings) {

  public CheckReport {
    findings = List.copyOf(findings);
  }

  /** Whether any unwaived blocking finding exists. */
  public boolean blocked() {
    return findings.stream().anyMatch(Finding::blocks);
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity && f.waiver().isEmpty()).count();
  }

  public long waived() {
    return findings.stream().filter(f -> f.waiver().isPresent()).count();
  }
}
