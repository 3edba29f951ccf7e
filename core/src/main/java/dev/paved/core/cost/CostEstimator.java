package dev.paved.core.cost;

import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.rendered.Tree;
import dev.paved.core.target.GpuClass;
import dev.paved.core.target.Target;
import dev.paved.core.text.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates the monthly cost of a rendered app from its target's prices (shared/reference
 * cost-model.md §6): GPU pods are charged per GPU-hour of their class (the bundled CPU and memory
 * included), CPU pods per requested vCPU-hour and GiB-hour, persistent volumes per GiB-month.
 * Services run 730 hours a month at min and at max replicas; Jobs run {@code
 * paved.dev/runs-per-month} times for {@code paved.dev/expected-hours} (min) up to their deadline
 * (max). Pure and thread-safe.
 */
public final class CostEstimator {

  public static final double HOURS_PER_MONTH = 730;
  public static final String RUNS_ANNOTATION = "paved.dev/runs-per-month";
  public static final String HOURS_ANNOTATION = "paved.dev/expected-hours";

  private final Target target;

  public CostEstimator(Target target) {
    this.target = target;
  }

  public CostEstimate estimate(RenderedApp app) {
    List<CostLine> lines = new ArrayList<>();
    for (RenderedObject object : app.objects()) {
      line(app, object).ifPresent(lines::add);
    }
    String source = target.prices().source() + " (" + target.prices().date() + ")";
    return new CostEstimate(app.app(), app.environment(), target.name(), source, lines);
  }

  private Optional<CostLine> line(RenderedApp app, RenderedObject object) {
    Map<String, Object> spec = Tree.map(object.body(), "spec");
    return switch (object.kind()) {
      case "Deployment", "StatefulSet" -> Optional.of(service(app, object, spec));
      case "Job" -> Optional.of(job(object, spec, Tree.map(spec, "template")));
      case "CronJob" ->
          Optional.of(
              job(
                  object,
                  Tree.map(Tree.map(spec, "jobTemplate"), "spec"),
                  Tree.map(Tree.map(Tree.map(spec, "jobTemplate"), "spec"), "template")));
      case "PersistentVolumeClaim" ->
          Optional.of(
              volume(
                  object.ref(),
                  Tree.map(Tree.map(spec, "resources"), "requests").get("storage"),
                  new Range(1, 1)));
      default -> Optional.empty();
    };
  }

  private CostLine service(RenderedApp app, RenderedObject object, Map<String, Object> spec) {
    Range replicas = replicas(app, object, spec);
    PodPrice pod = podPrice(Tree.map(spec, "template"));
    if (pod.unknown().isPresent()) {
      return CostLine.unknown(object.ref(), pod.unknown().get());
    }
    Range compute = replicas.times(pod.hourly() * HOURS_PER_MONTH);
    String detail =
        pod.detail()
            + " × 730 h × "
            + range(replicas)
            + " replica"
            + (replicas.max() == 1 ? "" : "s");
    for (Map<String, Object> claim : Tree.maps(spec, "volumeClaimTemplates")) {
      Optional<Double> gib =
          gib(Tree.map(Tree.map(Tree.map(claim, "spec"), "resources"), "requests").get("storage"));
      if (gib.isPresent()) {
        compute = compute.plus(replicas.times(gib.get() * target.prices().storageGiBMonth()));
        detail +=
            " + "
                + format(gib.get())
                + " GiB volume per replica at $"
                + target.prices().storageGiBMonth()
                + "/GiB-month";
      }
    }
    return CostLine.known(object.ref(), detail, compute);
  }

  private CostLine job(
      RenderedObject object, Map<String, Object> spec, Map<String, Object> template) {
    PodPrice pod = podPrice(template);
    if (pod.unknown().isPresent()) {
      return CostLine.unknown(object.ref(), pod.unknown().get());
    }
    Map<String, Object> annotations = Tree.map(Tree.map(object.body(), "metadata"), "annotations");
    double parallel = number(spec.get("parallelism")).orElse(1.0);
    double deadline = number(spec.get("activeDeadlineSeconds")).map(s -> s / 3600).orElse(24.0);
    double expected = number(annotations.get(HOURS_ANNOTATION)).orElse(deadline);
    double runs = number(annotations.get(RUNS_ANNOTATION)).orElse(1.0);
    Range hours = new Range(Math.min(expected, deadline), deadline);
    return CostLine.known(
        object.ref(),
        pod.detail()
            + " × "
            + format(parallel)
            + " pod"
            + (parallel == 1 ? "" : "s")
            + " × "
            + range(hours)
            + " h × "
            + format(runs)
            + " run"
            + (runs == 1 ? "" : "s")
            + "/month",
        hours.times(pod.hourly() * parallel * runs));
  }

  private CostLine volume(String ref, Object size, Range count) {
    Optional<Double> gib = gib(size);
    if (gib.isEmpty()) {
      return CostLine.unknown(ref, "the size '" + size + "' is not a quantity");
    }
    return CostLine.known(
        ref,
        format(gib.get()) + " GiB at $" + target.prices().storageGiBMonth() + "/GiB-month",
        count.times(gib.get() * target.prices().storageGiBMonth()));
  }

  private Range replicas(RenderedApp app, RenderedObject workload, Map<String, Object> spec) {
    double replicas = number(spec.get("replicas")).orElse(1.0);
    for (RenderedObject hpa : app.objects()) {
      Map<String, Object> hpaSpec = Tree.map(hpa.body(), "spec");
      Map<String, Object> ref = Tree.map(hpaSpec, "scaleTargetRef");
      if (hpa.kind().equals("HorizontalPodAutoscaler")
          && workload.name().equals(ref.get("name"))
          && workload.kind().equals(ref.get("kind"))) {
        return new Range(
            number(hpaSpec.get("minReplicas")).orElse(1.0),
            number(hpaSpec.get("maxReplicas")).orElse(replicas));
      }
    }
    return new Range(replicas, replicas);
  }

  /** The hourly price of one pod, how it was computed, or why it cannot be. */
  record PodPrice(double hourly, String detail, Optional<String> unknown) {}

  private PodPrice podPrice(Map<String, Object> template) {
    Map<String, Object> pod = Tree.map(template, "spec");
    double cpu = 0;
    double memory = 0;
    long gpus = 0;
    for (Map<String, Object> container : Tree.maps(pod, "containers")) {
      Map<String, Object> resources = Tree.map(container, "resources");
      Map<String, Object> requests = Tree.map(resources, "requests");
      cpu += Quantities.cores(requests.getOrDefault("cpu", 0)).orElse(0.0);
      memory += gib(requests.getOrDefault("memory", 0)).orElse(0.0);
      gpus += gpuCount(resources);
    }
    if (gpus == 0) {
      double hourly = cpu * target.prices().cpuHour() + memory * target.prices().memoryGiBHour();
      return new PodPrice(
          hourly,
          format(cpu)
              + " vCPU at $"
              + target.prices().cpuHour()
              + "/h + "
              + format(memory)
              + " GiB at $"
              + target.prices().memoryGiBHour()
              + "/GiB-h",
          Optional.empty());
    }
    Optional<GpuClass> gpuClass = target.gpuClassSelectedBy(Tree.map(pod, "nodeSelector"));
    if (gpuClass.isEmpty()) {
      return new PodPrice(
          0, "", Optional.of("the pods use GPUs of no GPU class known to target " + target.name()));
    }
    Optional<Double> price = gpuClass.get().pricePerGpuHour();
    if (price.isEmpty()) {
      return new PodPrice(
          0,
          "",
          Optional.of(
              "target " + target.name() + " has no price for GPU class " + gpuClass.get().name()));
    }
    return new PodPrice(
        gpus * price.get(),
        gpus
            + " × "
            + gpuClass.get().name()
            + " at $"
            + price.get()
            + "/GPU-h (CPU and memory included)",
        Optional.empty());
  }

  private long gpuCount(Map<String, Object> resources) {
    for (Map<String, Object> side :
        List.of(Tree.map(resources, "limits"), Tree.map(resources, "requests"))) {
      for (GpuClass gpuClass : target.gpuClasses().values()) {
        Optional<Double> count = number(side.get(gpuClass.resource()));
        if (count.isPresent()) {
          return count.get().longValue();
        }
      }
      Optional<Double> plain = number(side.get("nvidia.com/gpu"));
      if (plain.isPresent()) {
        return plain.get().longValue();
      }
    }
    return 0;
  }

  private static Optional<Double> gib(Object quantity) {
    return quantity == null ? Optional.empty() : Quantities.gib(quantity);
  }

  private static Optional<Double> number(Object value) {
    return value == null ? Optional.empty() : Quantities.value(value);
  }

  static String range(Range range) {
    return range.min() == range.max()
        ? format(range.min())
        : format(range.min()) + "–" + format(range.max());
  }

  static String format(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
