package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;
import static dev.paved.core.policy.Severity.WARN;

import dev.paved.core.policy.Manifest.Container;
import dev.paved.core.policy.Manifest.Workload;
import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.rendered.Tree;
import dev.paved.core.target.GpuClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The GPU rules no public tool has: AI-01 … AI-06 and AI-15 (see {@link ModelServingRules}). */
final class AiRules {

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
            "AI-15",
            WARN,
            "half precision on GPUs below compute capability 8.0",
            "pass --dtype=half on T4-class GPUs (bf16 needs compute capability 8.0)",
            AiRules::dtype));
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

  static boolean isVllm(Container c) {
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
}
