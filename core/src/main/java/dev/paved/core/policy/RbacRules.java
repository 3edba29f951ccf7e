package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;

import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.rendered.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** RBAC a golden path may render: RBAC-01 … RBAC-03. */
final class RbacRules {

  private RbacRules() {}

  static List<Rule> all() {
    return List.of(
        SimpleRule.of(
            "RBAC-01",
            BLOCK,
            "never bind cluster-admin",
            "bind a Role with only the verbs and resources the app needs",
            m ->
                m.ofKind("RoleBinding", "ClusterRoleBinding").stream()
                    .filter(
                        b ->
                            "cluster-admin"
                                .equals(
                                    Tree.string(Tree.map(b.body(), "roleRef"), "name").orElse("")))
                    .map(b -> new Violation(b.ref(), "binds cluster-admin"))
                    .toList()),
        SimpleRule.of(
            "RBAC-02",
            BLOCK,
            "no pods/exec or pods/attach",
            "remove pods/exec and pods/attach from the role",
            m ->
                rules(
                    m,
                    r ->
                        Tree.strings(r, "resources").stream()
                            .anyMatch(s -> s.equals("pods/exec") || s.equals("pods/attach")),
                    "grants pods/exec or pods/attach")),
        SimpleRule.of(
            "RBAC-03",
            BLOCK,
            "no wildcards, no Secret reads, no pod creation",
            "list verbs and resources explicitly; do not grant get/list/watch on secrets or create on pods",
            m -> rules(m, RbacRules::tooBroad, "uses a wildcard, reads Secrets or creates pods")));
  }

  private static boolean tooBroad(Map<String, Object> rule) {
    List<String> verbs = Tree.strings(rule, "verbs");
    List<String> resources = Tree.strings(rule, "resources");
    return verbs.contains("*")
        || resources.contains("*")
        || resources.contains("secrets")
            && verbs.stream().anyMatch(v -> List.of("get", "list", "watch").contains(v))
        || resources.contains("pods") && verbs.contains("create");
  }

  private static List<Violation> rules(
      Manifest m, java.util.function.Predicate<Map<String, Object>> bad, String what) {
    List<Violation> violations = new ArrayList<>();
    for (RenderedObject role : m.ofKind("Role", "ClusterRole")) {
      if (Tree.maps(role.body(), "rules").stream().anyMatch(bad)) {
        violations.add(new Violation(role.ref(), what));
      }
    }
    return violations;
  }
}
