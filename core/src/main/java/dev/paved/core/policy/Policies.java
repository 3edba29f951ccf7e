package dev.paved.core.policy;

import java.util.List;

/** The platform team's own rules and its waivers, from {@code platform/policies/}. */
public record Policies(List<CelRule> rules, List<Waiver> waivers) {

  public static final Policies NONE = new Policies(List.of(), List.of());

  public Policies {
    rules = List.copyOf(rules);
    waivers = List.copyOf(waivers);
  }
}
