package dev.paved.core.policy;

import java.util.ArrayList;
import java.util.List;

/** Every built-in rule, in report order. */
public final class BuiltInRules {

  private BuiltInRules() {}

  public static List<Rule> all() {
    List<Rule> rules = new ArrayList<>();
    rules.addAll(SecurityRules.all());
    rules.addAll(WorkloadRules.all());
    rules.addAll(AvailabilityRules.all());
    rules.addAll(NetworkRules.all());
    rules.addAll(RbacRules.all());
    rules.addAll(HygieneRules.all());
    rules.addAll(AiRules.all());
    rules.addAll(ModelServingRules.all());
    rules.addAll(PlatformRules.all());
    return List.copyOf(rules);
  }
}
