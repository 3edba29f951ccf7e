package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;
import static dev.paved.core.policy.Severity.WARN;

import dev.paved.core.policy.Manifest.Workload;
import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.rendered.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Availability and rollout: AV-01 … AV-08. */
final class AvailabilityRules {

  private AvailabilityRules() {}

  static List<Rule> all() {
    return List.of(
        SimpleRule.of(
            "AV-01",
            WARN,
            "2+ replicas for production serving; no replicas when an HPA owns them",
            "run at least 2 replicas in prod (replicas.min: 2), and leave replicas unset under an HPA",
            AvailabilityRules::replicas),
        SimpleRule.of(
            "AV-02",
            WARN,
            "a PodDisruptionBudget that allows an eviction",
            "add a PDB with maxUnavailable: 1 and unhealthyPodEvictionPolicy: AlwaysAllow",
            AvailabilityRules::disruptionBudget),
        SimpleRule.of(
            "AV-03",
            WARN,
            "replicas spread over nodes",
            "add topologySpreadConstraints on kubernetes.io/hostname or pod anti-affinity",
            m ->
                m.workloads().stream()
                    .filter(
                        w ->
                            w.maxReplicas() > 1
                                && List.of("Deployment", "StatefulSet").contains(w.kind()))
                    .filter(
                        w ->
                            !w.podSpec().containsKey("topologySpreadConstraints")
                                && !Tree.map(w.podSpec(), "affinity")
                                    .containsKey("podAntiAffinity"))
                    .map(w -> new Violation(w.ref(), "replicas may all land on one node"))
                    .toList()),
        SimpleRule.of(
            "AV-04",
            WARN,
            "an HPA with an existing target, min ≥ 2 and min ≠ max",
            "point the HPA at a rendered workload, with minReplicas ≥ 2 and maxReplicas above it",
            AvailabilityRules::autoscalers),
        SimpleRule.of(
            "AV-06",
            WARN,
            "RollingUpdate for CPU services",
            "use strategy RollingUpdate (GPU services: see AI-06)",
            m ->
                m.workloads().stream()
                    .filter(w -> w.kind().equals("Deployment") && m.gpus(w) == 0)
                    .filter(
                        w ->
                            "Recreate"
                                .equals(
                                    Tree.string(
                                            Tree.map(w.object().body(), "spec", "strategy"), "type")
                                        .orElse("")))
                    .map(
                        w ->
                            new Violation(
                                w.ref(),
                                "uses Recreate, which takes the service down on every rollout"))
                    .toList()),
        SimpleRule.of(
            "AV-07",
            BLOCK,
            "the selector matches the pod template",
            "make spec.selector.matchLabels a subset of the pod template's labels",
            m ->
                m.workloads().stream()
                    .filter(
                        w -> List.of("Deployment", "StatefulSet", "DaemonSet").contains(w.kind()))
                    .filter(
                        w ->
                            !Manifest.selects(
                                    Tree.stringMap(
                                        Tree.map(w.object().body(), "spec", "selector"),
                                        "matchLabels"),
                                    Manifest.labels(w.template()))
                                || Tree.map(w.object().body(), "spec", "selector").isEmpty())
                    .map(
                        w ->
                            new Violation(
                                w.ref(), "its selector does not match its pod template's labels"))
                    .toList()),
        SimpleRule.of(
            "AV-08",
            WARN,
            "StatefulSets name a headless Service; Jobs clean up after themselves",
            "give the StatefulSet a serviceName of a rendered headless Service; give Jobs ttlSecondsAfterFinished",
            AvailabilityRules::hygiene));
  }

  private static List<Violation> replicas(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      if (!List.of("Deployment", "StatefulSet").contains(w.kind())) {
        continue;
      }
      boolean autoscaled = m.autoscalerOf(w.object()).isPresent();
      if (autoscaled && Tree.map(w.object().body(), "spec").containsKey("replicas")) {
        violations.add(
            new Violation(
                w.ref(),
                "sets replicas although an HPA owns them (every sync would fight the autoscaler)"));
      }
      if (m.isProduction() && w.kind().equals("Deployment") && w.minReplicas() < 2) {
        violations.add(
            new Violation(w.ref(), "runs " + w.minReplicas() + " replica in production"));
      }
    }
    return violations;
  }

  private static List<Violation> disruptionBudget(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      if (!List.of("Deployment", "StatefulSet").contains(w.kind()) || w.minReplicas() < 2) {
        continue;
      }
      List<Map<String, Object>> budgets =
          m.ofKind("PodDisruptionBudget").stream()
              .map(RenderedObject::body)
              .filter(
                  p ->
                      Manifest.selects(
                          Tree.stringMap(Tree.map(p, "spec", "selector"), "matchLabels"),
                          Manifest.labels(w.template())))
              .toList();
      if (budgets.isEmpty()) {
        violations.add(
            new Violation(
                w.ref(), "has " + w.minReplicas() + " replicas but no PodDisruptionBudget"));
      }
      for (Map<String, Object> pdb : budgets) {
        Map<String, Object> spec = Tree.map(pdb, "spec");
        boolean zero =
            Tree.number(spec, "maxUnavailable").map(n -> n == 0).orElse(false)
                || Tree.number(spec, "minAvailable").map(n -> n >= w.minReplicas()).orElse(false);
        if (zero || !spec.containsKey("unhealthyPodEvictionPolicy")) {
          violations.add(
              new Violation(
                  w.ref(),
                  "its PodDisruptionBudget allows no eviction or has no unhealthyPodEvictionPolicy"));
        }
      }
    }
    return violations;
  }

  private static List<Violation> autoscalers(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (RenderedObject hpa : m.ofKind("HorizontalPodAutoscaler")) {
      Map<String, Object> spec = Tree.map(hpa.body(), "spec");
      Map<String, Object> target = Tree.map(spec, "scaleTargetRef");
      boolean exists =
          m.objects().stream()
              .anyMatch(
                  o ->
                      o.kind().equals(Tree.string(target, "kind").orElse(""))
                          && o.name().equals(Tree.string(target, "name").orElse("")));
      long min = Tree.number(spec, "minReplicas").orElse(1L);
      long max = Tree.number(spec, "maxReplicas").orElse(1L);
      if (!exists) {
        violations.add(
            new Violation(
                hpa.ref(),
                "scales "
                    + target.get("kind")
                    + "/"
                    + target.get("name")
                    + ", which is not rendered"));
      } else if (min < 2 || min == max) {
        violations.add(
            new Violation(hpa.ref(), "has minReplicas " + min + " and maxReplicas " + max));
      }
    }
    return violations;
  }

  private static List<Violation> hygiene(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (RenderedObject sts : m.ofKind("StatefulSet")) {
      String service = Tree.string(Tree.map(sts.body(), "spec"), "serviceName").orElse("");
      boolean headless =
          m.ofKind("Service").stream()
              .anyMatch(
                  s ->
                      s.name().equals(service)
                          && "None"
                              .equals(
                                  Tree.string(Tree.map(s.body(), "spec"), "clusterIP").orElse("")));
      if (!headless) {
        violations.add(
            new Violation(
                sts.ref(), "serviceName '" + service + "' is not a rendered headless Service"));
      }
    }
    for (RenderedObject job : m.ofKind("Job")) {
      if (!Tree.map(job.body(), "spec").containsKey("ttlSecondsAfterFinished")) {
        violations.add(new Violation(job.ref(), "finished pods are never cleaned up"));
      }
    }
    return violations;
  }
}
