package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;
import static dev.paved.core.policy.Severity.WARN;

import dev.paved.core.policy.Manifest.Container;
import dev.paved.core.policy.Manifest.Workload;
import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.rendered.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rules for serving models and running jobs: AI-07 … AI-14 and AI-17. */
final class ModelServingRules {

  private static final List<String> MODEL_SECRETS =
      List.of("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "VLLM_API_KEY");

  private ModelServingRules() {}

  static List<Rule> all() {
    return List.of(
        SimpleRule.of(
            "AI-07",
            BLOCK,
            "model servers probe their health endpoint",
            "add startup, readiness and liveness httpGet probes on the server's health path (vLLM: /health on port 8000)",
            ModelServingRules::modelProbes),
        SimpleRule.of(
            "AI-08",
            BLOCK,
            "enableServiceLinks: false on model servers",
            "set enableServiceLinks: false (a Service named vllm otherwise injects VLLM_PORT and breaks vLLM)",
            m ->
                m.workloads().stream()
                    .filter(m::isModelServer)
                    .filter(w -> !Boolean.FALSE.equals(w.podSpec().get("enableServiceLinks")))
                    .map(w -> new Violation(w.ref(), "serves a model with service links enabled"))
                    .toList()),
        SimpleRule.of(
            "AI-09",
            BLOCK,
            "model tokens and API keys only from Secrets",
            "list the name under secrets: in paved.yaml and read it with secretKeyRef",
            ModelServingRules::modelSecrets),
        SimpleRule.of(
            "AI-10",
            WARN,
            "HF_HOME on a mounted writable volume",
            "point HF_HOME at a mounted PVC or a sized emptyDir",
            ModelServingRules::modelCache),
        SimpleRule.of(
            "AI-11",
            WARN,
            "no ReadWriteOnce PVC shared by several replicas",
            "use per-replica volumes, RWX storage or an emptyDir cache when replicas > 1",
            ModelServingRules::sharedVolume),
        SimpleRule.of(
            "AI-12",
            BLOCK,
            "Jobs carry the Kueue queue label on Kueue targets",
            "add the label kueue.x-k8s.io/queue-name with the team's LocalQueue",
            m ->
                !m.target().kueue().enabled()
                    ? List.of()
                    : m.ofKind("Job").stream()
                        .filter(
                            j ->
                                !Manifest.labels(j.body()).containsKey("kueue.x-k8s.io/queue-name"))
                        .map(j -> new Violation(j.ref(), "bypasses Kueue on a target that runs it"))
                        .toList()),
        SimpleRule.of(
            "AI-12-JOB",
            WARN,
            "Jobs have retries, a deadline and clean-up",
            "set backoffLimit (or backoffLimitPerIndex), activeDeadlineSeconds and ttlSecondsAfterFinished",
            m ->
                m.ofKind("Job").stream()
                    .filter(j -> !jobLimited(Tree.map(j.body(), "spec")))
                    .map(
                        j ->
                            new Violation(
                                j.ref(), "has no retry limit, no deadline or no clean-up"))
                    .toList()),
        SimpleRule.of(
            "AI-13",
            WARN,
            "serving pods drain before they stop",
            "add lifecycle.preStop.sleep and a terminationGracePeriodSeconds longer than it plus the longest request",
            ModelServingRules::gracefulStop),
        SimpleRule.of(
            "AI-14",
            WARN,
            "no PDB that blocks drains of a single-replica model server",
            "allow one disruption (maxUnavailable: 1) or run two replicas",
            ModelServingRules::singleReplicaBudget),
        SimpleRule.of(
            "AI-17",
            BLOCK,
            "public model endpoints require an API key and a NetworkPolicy",
            "feed VLLM_API_KEY (or the server's key) from a Secret and select the pods with a NetworkPolicy",
            ModelServingRules::publicAuth));
  }

  private static boolean jobLimited(Map<String, Object> spec) {
    return (spec.containsKey("backoffLimit") || spec.containsKey("backoffLimitPerIndex"))
        && spec.containsKey("activeDeadlineSeconds")
        && spec.containsKey("ttlSecondsAfterFinished");
  }

  private static List<Violation> modelProbes(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      if (!m.isModelServer(w)) {
        continue;
      }
      for (Map<String, Object> c : Tree.maps(w.podSpec(), "containers")) {
        List<String> missing =
            List.of("startupProbe", "readinessProbe").stream()
                .filter(p -> !Tree.map(c, p).containsKey("httpGet"))
                .toList();
        if (!missing.isEmpty() || !c.containsKey("livenessProbe")) {
          violations.add(
              new Violation(
                  w.ref(),
                  "container '"
                      + Tree.string(c, "name").orElse("?")
                      + "' serves a model without HTTP health probes"));
        }
      }
    }
    return violations;
  }

  private static List<Violation> modelSecrets(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Container c : m.containers()) {
      for (Map<String, Object> env : Tree.maps(c.body(), "env")) {
        String name = Tree.string(env, "name").orElse("");
        if (MODEL_SECRETS.contains(name) && env.containsKey("value")) {
          violations.add(
              new Violation(c.workload().ref(), c.where() + " sets " + name + " as a literal"));
        }
      }
      if (AiRules.argument(c, "--api-key").isPresent()) {
        violations.add(
            new Violation(c.workload().ref(), c.where() + " passes --api-key on the command line"));
      }
    }
    return violations;
  }

  private static List<Violation> modelCache(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Container c : m.containers()) {
      Optional<String> home =
          Tree.maps(c.body(), "env").stream()
              .filter(e -> "HF_HOME".equals(e.get("name")))
              .map(e -> Tree.string(e, "value").orElse(""))
              .findFirst();
      if (home.isEmpty()) {
        continue;
      }
      boolean mounted =
          Tree.maps(c.body(), "volumeMounts").stream()
              .map(v -> Tree.string(v, "mountPath").orElse("#"))
              .anyMatch(
                  path ->
                      home.get().equals(path)
                          || home.get().startsWith(path.endsWith("/") ? path : path + "/"));
      if (!mounted) {
        violations.add(
            new Violation(
                c.workload().ref(),
                c.where() + " caches models in " + home.get() + ", which is not a mounted volume"));
      }
    }
    return violations;
  }

  private static List<Violation> sharedVolume(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    List<String> rwoClaims =
        m.ofKind("PersistentVolumeClaim").stream()
            .filter(
                p ->
                    Tree.strings(Tree.map(p.body(), "spec"), "accessModes")
                        .contains("ReadWriteOnce"))
            .map(RenderedObject::name)
            .toList();
    for (Workload w : m.workloads()) {
      if (w.maxReplicas() <= 1 || !List.of("Deployment", "ReplicaSet").contains(w.kind())) {
        continue;
      }
      Tree.maps(w.podSpec(), "volumes").stream()
          .map(v -> Tree.string(Tree.map(v, "persistentVolumeClaim"), "claimName").orElse(""))
          .filter(rwoClaims::contains)
          .forEach(
              claim ->
                  violations.add(
                      new Violation(
                          w.ref(),
                          "mounts the ReadWriteOnce claim "
                              + claim
                              + " from up to "
                              + w.maxReplicas()
                              + " replicas")));
    }
    return violations;
  }

  private static List<Violation> gracefulStop(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      if (!m.isModelServer(w)) {
        continue;
      }
      long grace = Tree.number(w.podSpec(), "terminationGracePeriodSeconds").orElse(30L);
      for (Map<String, Object> c : Tree.maps(w.podSpec(), "containers")) {
        long sleep =
            Tree.number(Tree.map(c, "lifecycle", "preStop", "sleep"), "seconds").orElse(0L);
        if (sleep == 0 || grace <= sleep) {
          violations.add(
              new Violation(
                  w.ref(),
                  "stops serving without draining (preStop sleep "
                      + sleep
                      + " s, grace "
                      + grace
                      + " s)"));
        }
      }
    }
    return violations;
  }

  private static List<Violation> singleReplicaBudget(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      if (!m.isModelServer(w) || w.maxReplicas() > 1) {
        continue;
      }
      m.ofKind("PodDisruptionBudget").stream()
          .filter(
              p ->
                  Manifest.selects(
                      Tree.stringMap(Tree.map(p.body(), "spec", "selector"), "matchLabels"),
                      Manifest.labels(w.template())))
          .filter(
              p ->
                  Tree.number(Tree.map(p.body(), "spec"), "minAvailable").orElse(0L) >= 1
                      || Tree.number(Tree.map(p.body(), "spec"), "maxUnavailable")
                          .map(n -> n == 0)
                          .orElse(false))
          .forEach(
              p ->
                  violations.add(
                      new Violation(
                          p.ref(), "blocks every node drain of the single replica of " + w.ref())));
    }
    return violations;
  }

  private static List<Violation> publicAuth(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    if (m.ofKind("Ingress", "HTTPRoute").isEmpty()) {
      return violations;
    }
    for (Workload w : m.workloads()) {
      if (!m.isModelServer(w)) {
        continue;
      }
      boolean keyed =
          Tree.maps(w.podSpec(), "containers").stream()
              .flatMap(c -> Tree.maps(c, "env").stream())
              .anyMatch(
                  e ->
                      WorkloadRules.SECRET_NAME.matcher(Tree.string(e, "name").orElse("")).matches()
                          && e.containsKey("valueFrom"));
      boolean isolated =
          m.ofKind("NetworkPolicy").stream()
              .anyMatch(
                  p ->
                      Manifest.selects(
                          Tree.stringMap(Tree.map(p.body(), "spec", "podSelector"), "matchLabels"),
                          Manifest.labels(w.template())));
      if (!keyed || !isolated) {
        violations.add(
            new Violation(
                w.ref(),
                "is exposed publicly without "
                    + (!keyed ? "an API key from a Secret" : "a NetworkPolicy")));
      }
    }
    return violations;
  }
}
