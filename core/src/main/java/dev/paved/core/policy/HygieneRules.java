package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;
import static dev.paved.core.policy.Severity.WARN;

import dev.paved.core.policy.Manifest.Container;
import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.render.Labels;
import dev.paved.core.rendered.ObjectOrder;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.rendered.Tree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Labels and API hygiene: LBL-01, LBL-02, API-01 … API-03. */
final class HygieneRules {

  /** apiVersions removed from Kubernetes (by kind where the group still serves others). */
  private static final Set<String> REMOVED =
      Set.of(
          "extensions/v1beta1",
          "apps/v1beta1",
          "apps/v1beta2",
          "policy/v1beta1",
          "autoscaling/v2beta1",
          "autoscaling/v2beta2",
          "batch/v1beta1",
          "networking.k8s.io/v1beta1",
          "rbac.authorization.k8s.io/v1beta1",
          "storage.k8s.io/v1beta1",
          "admissionregistration.k8s.io/v1beta1",
          "apiextensions.k8s.io/v1beta1",
          "scheduling.k8s.io/v1beta1",
          "coordination.k8s.io/v1beta1",
          "flowcontrol.apiserver.k8s.io/v1beta2");

  private static final List<String> OWNERSHIP =
      List.of(Labels.NAME, Labels.INSTANCE, Labels.MANAGED_BY, Labels.TEAM, Labels.APP, Labels.ENV);

  private HygieneRules() {}

  static List<Rule> all() {
    return List.of(
        SimpleRule.of(
            "LBL-01",
            BLOCK,
            "ownership labels on every object and pod template",
            "add app.kubernetes.io/name, /instance (the app), /managed-by and paved.dev/team, /app, /env",
            HygieneRules::ownership),
        SimpleRule.of(
            "LBL-02",
            BLOCK,
            "cost-allocation labels on pod templates",
            "put paved.dev/team and paved.dev/app on the pod template so cost tools can allocate it",
            m ->
                m.workloads().stream()
                    .filter(
                        w ->
                            !Manifest.labels(w.template())
                                .keySet()
                                .containsAll(List.of(Labels.TEAM, Labels.APP)))
                    .map(w -> new Violation(w.ref(), "its pods carry no team/app cost labels"))
                    .toList()),
        SimpleRule.of(
            "API-01",
            BLOCK,
            "no removed apiVersions",
            "move to the current apiVersion (e.g. apps/v1, policy/v1, autoscaling/v2, batch/v1, networking.k8s.io/v1)",
            m ->
                m.objects().stream()
                    .filter(o -> REMOVED.contains(o.apiVersion()))
                    .map(
                        o ->
                            new Violation(o.ref(), "uses the removed apiVersion " + o.apiVersion()))
                    .toList()),
        SimpleRule.of(
            "API-02",
            BLOCK,
            "no duplicate env names",
            "keep one entry per environment variable name",
            HygieneRules::duplicateEnv),
        SimpleRule.of(
            "API-03",
            WARN,
            "an explicit namespace",
            "set metadata.namespace",
            m ->
                m.objects().stream()
                    .filter(o -> !ObjectOrder.isClusterScoped(o.kind()) && o.namespace().isEmpty())
                    .map(o -> new Violation(o.ref(), "has no namespace"))
                    .toList()));
  }

  private static List<Violation> ownership(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (RenderedObject object : m.objects()) {
      missing(Manifest.labels(object.body()), m)
          .ifPresent(what -> violations.add(new Violation(object.ref(), what)));
    }
    for (Manifest.Workload w : m.workloads()) {
      missing(Manifest.labels(w.template()), m)
          .ifPresent(what -> violations.add(new Violation(w.ref(), "pod template: " + what)));
    }
    return violations;
  }

  private static java.util.Optional<String> missing(Map<String, String> labels, Manifest m) {
    List<String> absent = OWNERSHIP.stream().filter(l -> !labels.containsKey(l)).toList();
    if (!absent.isEmpty()) {
      return java.util.Optional.of("lacks the labels " + String.join(", ", absent));
    }
    if (!m.app().app().equals(labels.get(Labels.INSTANCE))
        || !m.app().environment().equals(labels.get(Labels.ENV))) {
      return java.util.Optional.of("has ownership labels of another app or environment");
    }
    return java.util.Optional.empty();
  }

  private static List<Violation> duplicateEnv(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Container c : m.containers()) {
      Set<String> seen = new HashSet<>();
      for (Map<String, Object> env : Tree.maps(c.body(), "env")) {
        String name = Tree.string(env, "name").orElse("");
        if (!seen.add(name)) {
          violations.add(new Violation(c.workload().ref(), c.where() + " sets " + name + " twice"));
        }
      }
    }
    return violations;
  }
}
