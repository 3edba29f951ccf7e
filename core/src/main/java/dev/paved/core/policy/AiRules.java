package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;
import static dev.paved.core.policy.Severity.WARN;

import dev.paved.core.policy.Manifest.Container;
import dev.paved.core.policy.Manifest.Workload;
import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.render.RenderedObject;
import dev.paved.core.render.Tree;
import dev.paved.core.target.GpuClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The AI-workload rules no public tool has: AI-01 … AI-17. */
final class AiRules {

  private static final List<String> MODEL_SECRETS =
      List.of("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "VLLM_API_KEY");

  private AiRules() {}

  static List<Rule> all() {
    return List.of(
        SimpleRule.of(
            "AI-01",
            BLOCK,
            "GPUs in limits (equal to requests)",
            "put the GPU count in resources.limits; if it is also in requests, use the same number",
            AiRules::gpuLimits),
        SimpleRule.of(
            "AI-02",
            BLOCK,
            "no more GPUs per pod than a node of the class has",
            "lower gpus to the class's node size, or pick a class with bigger nodes",
            AiRules::nodeShape),
        SimpleRule.of(
            "AI-03",
            BLOCK,
            "the GPU class's node selector and tolerations",
            "render the pod with the target's nodeSelector and tolerations for the GPU class (use gpu: in paved.yaml)",
            AiRules::placement),
        SimpleRule.of(
            "AI-04",
            BLOCK,
            "vLLM --tensor-parallel-size equals the GPU limit",
            "set --tensor-parallel-size to the container's GPU count",
            AiRules::tensorParallel),
        SimpleRule.of(
            "AI-05",
            BLOCK,
            "a memory-backed /dev/shm for multi-GPU and vLLM pods",
            "mount an emptyDir {medium: Memory, sizeLimit: ...} at /dev/shm",
            AiRules::sharedMemory),
        SimpleRule.of(
            "AI-06",
            WARN,
            "GPU rollouts that need no spare GPU",
            "use RollingUpdate with maxSurge: 0 (or Recreate for one replica)",
            AiRules::gpuRollout),
        SimpleRule.of(
            "AI-07",
            BLOCK,
            "model servers probe their health endpoint",
            "add startup, readiness and liveness httpGet probes on the server's health path (vLLM: /health on port 8000)",
            AiRules::modelProbes),
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
            AiRules::modelSecrets),
        SimpleRule.of(
            "AI-10",
            WARN,
            "HF_HOME on a mounted writable volume",
            "point HF_HOME at a mounted PVC or a sized emptyDir",
            AiRules::modelCache),
        SimpleRule.of(
            "AI-11",
            WARN,
            "no ReadWriteOnce PVC shared by several replicas",
            "use per-replica volumes, RWX storage or an emptyDir cache when replicas > 1",
            AiRules::sharedVolume),
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
            AiRules::gracefulStop),
        SimpleRule.of(
            "AI-14",
            WARN,
            "no PDB that blocks drains of a single-replica model server",
            "allow one disruption (maxUnavailable: 1) or run two replicas",
            AiRules::singleReplicaBudget),
        SimpleRule.of(
            "AI-15",
            WARN,
            "half precision on GPUs below compute capability 8.0",
            "pass --dtype=half on T4-class GPUs (bf16 needs compute capability 8.0)",
            AiRules::dtype),
        SimpleRule.of(
            "AI-17",
            BLOCK,
            "public model endpoints require an API key and a NetworkPolicy",
            "feed VLLM_API_KEY (or the server's key) from a Secret and select the pods with a NetworkPolicy",
            AiRules::publicAuth));
  }

  private static boolean jobLimited(Map<String, Object> spec) {
    return (spec.containsKey("backoffLimit") || spec.containsKey("backoffLimitPerIndex"))
        && spec.containsKey("activeDeadlineSeconds")
        && spec.containsKey("ttlSecondsAfterFinished");
  }

  private static List<Violation> gpuLimits(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Container c : m.containers()) {
      Map<String, Object> resources = Tree.map(c.body(), "resources");
      for (String resource : m.gpuResources()) {
        Optional<Long> request = Tree.number(Tree.map(resources, "requests"), resource);
        Optional<Long> limit = Tree.number(Tree.map(resources, "limits"), resource);
        if (request.isPresent() && (limit.isEmpty() || !limit.equals(request))) {
          violations.add(
              new Violation(
                  c.workload().ref(),
                  c.where() + " requests " + resource + " without an equal limit"));
        }
      }
    }
    return violations;
  }

  private static List<Violation> nodeShape(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      long gpus = m.gpus(w);
      Optional<GpuClass> gpuClass = m.gpuClass(w);
      if (gpus > 0 && gpuClass.isPresent() && gpus > gpuClass.get().maxPerNode()) {
        violations.add(
            new Violation(
                w.ref(),
                "asks for "
                    + gpus
                    + " GPUs per pod; "
                    + gpuClass.get().name()
                    + " nodes on "
                    + m.target().name()
                    + " have at most "
                    + gpuClass.get().maxPerNode()));
      }
    }
    return violations;
  }

  private static List<Violation> placement(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      if (m.gpus(w) == 0) {
        continue;
      }
      Optional<GpuClass> gpuClass = m.gpuClass(w);
      if (gpuClass.isEmpty()) {
        violations.add(
            new Violation(
                w.ref(),
                "uses GPUs without the node selector of any GPU class of " + m.target().name()));
        continue;
      }
      List<Map<String, Object>> tolerations = Tree.maps(w.podSpec(), "tolerations");
      for (Map<String, String> needed : gpuClass.get().tolerations()) {
        boolean present =
            tolerations.stream()
                .anyMatch(
                    t ->
                        needed.entrySet().stream()
                            .allMatch(
                                e -> e.getValue().equals(Tree.string(t, e.getKey()).orElse(""))));
        if (!present) {
          violations.add(
              new Violation(
                  w.ref(), "lacks the toleration " + needed + " of " + gpuClass.get().name()));
        }
      }
    }
    return violations;
  }

  private static boolean isVllm(Container c) {
    return Tree.string(c.body(), "image").orElse("").contains("vllm");
  }

  static Optional<String> argument(Container c, String flag) {
    List<String> args = new ArrayList<>(Tree.strings(c.body(), "command"));
    args.addAll(Tree.strings(c.body(), "args"));
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).startsWith(flag + "=")) {
        return Optional.of(args.get(i).substring(flag.length() + 1));
      }
      if (args.get(i).equals(flag) && i + 1 < args.size()) {
        return Optional.of(args.get(i + 1));
      }
    }
    return Optional.empty();
  }

  private static List<Violation> tensorParallel(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Container c : m.containers()) {
      long gpus = m.gpus(c);
      if (!isVllm(c) || gpus == 0) {
        continue;
      }
      String size = argument(c, "--tensor-parallel-size").or(() -> argument(c, "-tp")).orElse("1");
      if (!size.equals(String.valueOf(gpus))) {
        violations.add(
            new Violation(
                c.workload().ref(),
                c.where() + " has " + gpus + " GPUs but --tensor-parallel-size " + size));
      }
    }
    return violations;
  }

  private static List<Violation> sharedMemory(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Container c : m.containers()) {
      if (m.gpus(c) <= 1 && !isVllm(c)) {
        continue;
      }
      Optional<String> volume =
          Tree.maps(c.body(), "volumeMounts").stream()
              .filter(v -> "/dev/shm".equals(Tree.string(v, "mountPath").orElse("")))
              .map(v -> Tree.string(v, "name").orElse(""))
              .findFirst();
      boolean memoryBacked =
          volume.isPresent()
              && Tree.maps(c.workload().podSpec(), "volumes").stream()
                  .anyMatch(
                      v ->
                          volume.get().equals(Tree.string(v, "name").orElse(""))
                              && "Memory".equals(Tree.map(v, "emptyDir").get("medium"))
                              && Tree.map(v, "emptyDir").containsKey("sizeLimit"));
      if (!memoryBacked) {
        violations.add(
            new Violation(c.workload().ref(), c.where() + " keeps the 64M default /dev/shm"));
      }
    }
    return violations;
  }

  private static List<Violation> gpuRollout(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      if (!w.kind().equals("Deployment") || m.gpus(w) == 0) {
        continue;
      }
      Map<String, Object> strategy = Tree.map(w.object().body(), "spec", "strategy");
      boolean recreate = "Recreate".equals(Tree.string(strategy, "type").orElse(""));
      boolean noSurge =
          Tree.string(Tree.map(strategy, "rollingUpdate"), "maxSurge")
              .map(s -> s.equals("0") || s.equals("0%"))
              .orElse(false);
      if (!recreate && !noSurge) {
        violations.add(new Violation(w.ref(), "a rollout needs a spare GPU (maxSurge is not 0)"));
      }
    }
    return violations;
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
      if (argument(c, "--api-key").isPresent()) {
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

  private static List<Violation> dtype(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Container c : m.containers()) {
      Optional<GpuClass> gpuClass = m.gpuClass(c.workload());
      if (!isVllm(c) || gpuClass.isEmpty() || gpuClass.get().computeMajor() >= 8) {
        continue;
      }
      String dtype = argument(c, "--dtype").orElse("auto");
      if (!dtype.equals("half") && !dtype.equals("float16")) {
        violations.add(
            new Violation(
                c.workload().ref(),
                c.where()
                    + " runs on "
                    + gpuClass.get().name()
                    + " (compute "
                    + gpuClass.get().computeMajor()
                    + ".x) with --dtype "
                    + dtype));
      }
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
