package dev.paved.gitops.change;

import dev.paved.gitops.env.EnvironmentRules;
import dev.paved.gitops.env.Environments;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * How many approvals, from members other than the author, a change needs before it merges.
 *
 * <p>An app change needs what its environments ask, under main's rules or the change's own,
 * whichever is stricter. A change to {@code platform/} (environments, targets, paths, policies,
 * teams) can affect every environment, so it needs at least one approval, and as many as the
 * strictest environment asks under main's rules as they stand: the change that lowers a rule is
 * judged by the rule it lowers. Approvers of platform files hold the platform role ({@link
 * Draft#apply} refuses anyone else).
 *
 * @param count approvals needed
 * @param why the rule that asks for them, for the refusal
 */
record ApprovalRule(int count, String why) {

  static ApprovalRule of(ChangeRequest change, Environments main, Environments next) {
    ApprovalRule rule = new ApprovalRule(0, "no environment needs an approval");
    for (String env : change.envs()) {
      int needed = Math.max(main.of(env).approvals(), next.of(env).approvals());
      if (needed > rule.count()) {
        rule =
            new ApprovalRule(
                needed,
                env + " needs " + needed + " approval(s) from a member other than the author");
      }
    }
    if (!touchesPlatform(change)) {
      return rule;
    }
    TreeSet<String> envs = new TreeSet<>(main.rules().keySet());
    envs.addAll(change.envs());
    Optional<EnvironmentRules> strictest =
        envs.stream().map(main::of).max(Comparator.comparingInt(EnvironmentRules::approvals));
    int needed = Math.max(1, strictest.map(EnvironmentRules::approvals).orElse(1));
    if (needed < rule.count()) {
      return rule;
    }
    return new ApprovalRule(
        needed,
        "a change to platform files needs "
            + needed
            + " approval(s) from another platform engineer (as many as the strictest"
            + " environment"
            + strictest.filter(r -> r.approvals() == needed).map(r -> ", " + r.env()).orElse("")
            + ", asks on main)");
  }

  static boolean touchesPlatform(ChangeRequest change) {
    return change.intents().stream()
        .anyMatch(
            i -> i instanceof Intent.PutPlatformFile || i instanceof Intent.RemovePlatformFile);
  }
}
