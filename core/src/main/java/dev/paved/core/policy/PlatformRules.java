package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;
import static dev.paved.core.policy.Severity.WARN;

import dev.paved.core.cost.CostEstimate;
import dev.paved.core.cost.CostEstimator;
import dev.paved.core.policy.Manifest.Workload;
import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.target.GpuClass;
import dev.paved.core.text.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Budget and capacity: BUD-01, BUD-02, CAP-01 and CAP-02. */
final class PlatformRules {

  private PlatformRules() {}

  static List<Rule> all() {
    return List.of(
        SimpleRule.of(
            "BUD-01",
            BLOCK,
            "within the team's monthly budget",
            "lower replicas.max, GPUs or the GPU class, or ask the platform team to raise the budget",
            PlatformRules::budget),
        SimpleRule.of(
            "BUD-02",
            WARN,
            "a known cost when the team has a budget",
            "ask the platform team to add the missing price to the target",
            m ->
                m.budget().monthly().isPresent() && estimate(m).total().isEmpty()
                    ? List.of(
                        new Violation(
                            "App/" + m.app().app(),
                            "the budget cannot be checked: "
                                + String.join("; ", estimate(m).unknownReasons())))
                    : List.of()),
        SimpleRule.of(
            "CAP-01",
            BLOCK,
            "within the target's GPU capacity per class",
            "lower replicas.max or gpus, pick another GPU class or target, or ask for more capacity",
            PlatformRules::capacity),
        SimpleRule.of(
            "CAP-02",
            BLOCK,
            "memory per pod within the target's largest node",
            "ask for less memory (with.memory), or a GPU class or target with larger nodes",
            PlatformRules::memory));
  }

  /** A pod that asks for more memory than any node of its class has can never be scheduled. */
  private static List<Violation> memory(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      Optional<GpuClass> gpuClass = m.gpus(w) > 0 ? m.gpuClass(w) : Optional.empty();
      Optional<Integer> node =
          gpuClass.isPresent() ? gpuClass.get().nodeMemoryGiB() : m.target().cpuNodeMemoryGiB();
      double asked = memoryGiB(m, w);
      if (node.isPresent() && asked > node.get()) {
        violations.add(
            new Violation(
                w.ref(),
                String.format(
                    Locale.ROOT,
                    "asks for %.0fGi of memory per pod; the largest %s node of target %s has %dGi",
                    asked,
                    gpuClass.map(c -> c.name()).orElse("CPU"),
                    m.target().name(),
                    node.get())));
      }
    }
    return violations;
  }

  /** The memory one pod asks for: the sum of its containers' requests (else limits), in GiB. */
  @SuppressWarnings("unchecked")
  private static double memoryGiB(Manifest m, Workload w) {
    double total = 0;
    for (var container : m.containers(w)) {
      Map<String, Object> resources =
          (Map<String, Object>) container.body().getOrDefault("resources", Map.of());
      Map<String, Object> requests =
          (Map<String, Object>) resources.getOrDefault("requests", Map.of());
      Map<String, Object> limits = (Map<String, Object>) resources.getOrDefault("limits", Map.of());
      Object memory = requests.getOrDefault("memory", limits.get("memory"));
      if (memory != null) {
        total += Quantities.gib(String.valueOf(memory)).orElse(0.0);
      }
    }
    return total;
  }

  private static CostEstimate estimate(Manifest m) {
    return new CostEstimator(m.target()).estimate(m.app());
  }

  private static List<Violation> budget(Manifest m) {
    Optional<Double> budget = m.budget().monthly();
    if (budget.isEmpty()) {
      return List.of();
    }
    return estimate(m)
        .total()
        .filter(total -> total.max() + m.budget().otherApps() > budget.get())
        .map(
            total ->
                List.of(
                    new Violation(
                        "App/" + m.app().app(),
                        String.format(
                            Locale.ROOT,
                            "costs up to $%,.2f a month; with the team's other apps ($%,.2f) that is over its budget of $%,.2f",
                            total.max(),
                            m.budget().otherApps(),
                            budget.get()))))
        .orElse(List.of());
  }

  private static List<Violation> capacity(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      long gpus = m.gpus(w) * w.maxReplicas();
      Optional<GpuClass> gpuClass = m.gpuClass(w);
      if (gpus == 0 || gpuClass.isEmpty() || gpuClass.get().capacity().isEmpty()) {
        continue;
      }
      int capacity = gpuClass.get().capacity().get();
      if (gpus > capacity) {
        violations.add(
            new Violation(
                w.ref(),
                "may use "
                    + gpus
                    + " "
                    + gpuClass.get().name()
                    + " GPUs; target "
                    + m.target().name()
                    + " has "
                    + capacity));
      }
    }
    return violations;
  }
}
