package dev.paved.core.policy;

import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.target.Target;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the built-in rules and the platform's rules over a rendered app and applies waivers.
 * Thread-safe. The clock decides which waivers have expired.
 */
public final class PolicyChecker {

  private final List<Rule> rules;
  private final List<Waiver> waivers;
  private final Clock clock;

  public PolicyChecker(Policies policies, Clock clock) {
    List<Rule> all = new ArrayList<>(BuiltInRules.all());
    all.addAll(policies.rules());
    this.rules = List.copyOf(all);
    this.waivers = policies.waivers();
    this.clock = clock;
  }

  /** Every rule known to this checker, built-in first. */
  public List<Rule> rules() {
    return rules;
  }

  public CheckReport check(RenderedApp app, Target target, Manifest.Budget budget) {
    Manifest manifest = new Manifest(app, target, budget);
    LocalDate today = LocalDate.now(clock);
    List<Finding> findings = new ArrayList<>();
    for (Rule rule : rules) {
      for (Finding finding : rule.check(manifest)) {
        findings.add(
            waivers.stream()
                .filter(w -> w.covers(finding.rule(), app.team(), app.app(), today))
                .findFirst()
                .map(finding::waivedBy)
                .orElse(finding));
      }
    }
    return new CheckReport(app.app(), app.environment(), app.target(), findings);
  }
}
