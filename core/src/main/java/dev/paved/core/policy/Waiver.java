package dev.paved.core.policy;

import dev.paved.core.error.SourceLocation;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A platform team's decision that a rule does not apply to some apps until a date.
 *
 * @param rule the waived rule id
 * @param team the team it applies to, or every team
 * @param app the app it applies to, or every app of the team
 * @param reason why, shown in every report
 * @param expires the last day it applies
 * @param location where it is written
 */
public record Waiver(
    String rule,
    Optional<String> team,
    Optional<String> app,
    String reason,
    LocalDate expires,
    SourceLocation location) {

  /** Whether it excuses this rule for this app of this team on this day. */
  public boolean covers(String ruleId, String teamName, String appName, LocalDate today) {
    return rule.equals(ruleId)
        && team.map(teamName::equals).orElse(true)
        && app.map(appName::equals).orElse(true)
        && !today.isAfter(expires);
  }
}
