package dev.paved.core.policy;

import dev.paved.core.render.Labels;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.rendered.Tree;
import dev.paved.core.target.GpuClass;
import dev.paved.core.target.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What rules look at: the rendered objects of one app in one environment, the target they are for,
 * the team's budget, and convenient views of workloads and containers. Immutable.
 */
public record Manifest(RenderedApp app, Target target, Budget budget) {

  /**
   * The team's monthly budget and what its other apps already cost.
   *
   * @param monthly the budget in dollars, if the team has one
   * @param otherApps the monthly cost (at max replicas) of the team's other apps
   */
  public record Budget(Optional<Double> monthly, double otherApps) {
    public static final Budget NONE = new Budget(Optional.empty(), 0);
  }

  private static final Pattern MODEL_SERVER_IMAGE =
      Pattern.compile(".*(vllm|tritonserver|torchserve|text-generation-inference|sglang|tgi).*");

  /** A pod-owning object with its pod template and replica bounds. */
  public record Workload(
      RenderedObject object, Map<String, Object> template, long minReplicas, long maxReplicas) {

    public Map<String, Object> podSpec() {
      return Tree.map(template, "spec");
    }

    public String ref() {
      return object.ref();
    }

    public String kind() {
      return object.kind();
    }
  }

  /** One container (or init container) of a workload. */
  public record Container(Workload workload, Map<String, Object> body) {

    public String name() {
      return Tree.string(body, "name").orElse("?");
    }

    /** {@code Kind/name container NAME}, for messages. */
    public String where() {
      return "container '" + name() + "'";
    }
  }

  public List<RenderedObject> objects() {
    return app.objects();
  }

  public List<RenderedObject> ofKind(String... kinds) {
    List<String> wanted = Arrays.asList(kinds);
    return objects().stream().filter(o -> wanted.contains(o.kind())).toList();
  }

  public boolean isProduction() {
    return app.environment().equals("prod") || app.environment().equals("production");
  }

  public List<Workload> workloads() {
    List<Workload> workloads = new ArrayList<>();
    for (RenderedObject object : objects()) {
      Map<String, Object> spec = Tree.map(object.body(), "spec");
      switch (object.kind()) {
        case "Deployment", "StatefulSet" -> {
          long replicas = Tree.number(spec, "replicas").orElse(1L);
          Optional<Map<String, Object>> hpa = autoscalerOf(object);
          long min =
              hpa.flatMap(h -> Tree.number(Tree.map(h, "spec"), "minReplicas")).orElse(replicas);
          long max =
              hpa.flatMap(h -> Tree.number(Tree.map(h, "spec"), "maxReplicas")).orElse(replicas);
          workloads.add(new Workload(object, Tree.map(spec, "template"), min, max));
        }
        case "DaemonSet" -> workloads.add(new Workload(object, Tree.map(spec, "template"), 1, 1));
        case "Job" -> {
          long parallel = Tree.number(spec, "parallelism").orElse(1L);
          workloads.add(new Workload(object, Tree.map(spec, "template"), parallel, parallel));
        }
        case "CronJob" ->
            workloads.add(
                new Workload(object, Tree.map(spec, "jobTemplate", "spec", "template"), 1, 1));
        case "Pod" ->
            workloads.add(
                new Workload(
                    object,
                    Map.of(
                        "metadata", object.body().getOrDefault("metadata", Map.of()), "spec", spec),
                    1,
                    1));
        default -> {}
      }
    }
    return workloads;
  }

  /** Containers and init containers of every workload. */
  public List<Container> containers() {
    return workloads().stream().flatMap(w -> containers(w).stream()).toList();
  }

  public Optional<Map<String, Object>> autoscalerOf(RenderedObject workload) {
    return ofKind("HorizontalPodAutoscaler").stream()
        .map(RenderedObject::body)
        .filter(
            h ->
                workload
                        .kind()
                        .equals(
                            Tree.string(Tree.map(h, "spec", "scaleTargetRef"), "kind").orElse(""))
                    && workload
                        .name()
                        .equals(
                            Tree.string(Tree.map(h, "spec", "scaleTargetRef"), "name").orElse("")))
        .findFirst();
  }

  /** The GPU resource names a container may request on this target. */
  public List<String> gpuResources() {
    List<String> names = new ArrayList<>(List.of("nvidia.com/gpu"));
    target.gpuClasses().values().stream()
        .map(GpuClass::resource)
        .filter(r -> !names.contains(r))
        .forEach(names::add);
    return names;
  }

  /** GPUs a container asks for (its limit; else its request). */
  public long gpus(Container container) {
    Map<String, Object> resources = Tree.map(container.body(), "resources");
    for (String resource : gpuResources()) {
      Optional<Long> limit = Tree.number(Tree.map(resources, "limits"), resource);
      Optional<Long> request = Tree.number(Tree.map(resources, "requests"), resource);
      if (limit.isPresent() || request.isPresent()) {
        return limit.or(() -> request).orElse(0L);
      }
    }
    return 0;
  }

  public long gpus(Workload workload) {
    return Tree.maps(workload.podSpec(), "containers").stream()
        .mapToLong(body -> gpus(new Container(workload, body)))
        .sum();
  }

  /** The containers and init containers of one workload. */
  public List<Container> containers(Workload workload) {
    List<Container> containers = new ArrayList<>();
    for (String key : List.of("initContainers", "containers")) {
      Tree.maps(workload.podSpec(), key)
          .forEach(body -> containers.add(new Container(workload, body)));
    }
    return containers;
  }

  /** The GPU class whose node selector this workload carries, if any. */
  public Optional<GpuClass> gpuClass(Workload workload) {
    return target.gpuClassSelectedBy(Tree.stringMap(workload.podSpec(), "nodeSelector"));
  }

  /**
   * A serving workload running a model: a Deployment or StatefulSet (not a notebook) that uses GPUs
   * or runs a known model-server image.
   */
  public boolean isModelServer(Workload workload) {
    if (!List.of("Deployment", "StatefulSet").contains(workload.kind())
        || "notebook"
            .equals(
                Tree.stringMap(Tree.map(workload.object().body(), "metadata"), "annotations")
                    .get(Labels.WORKLOAD_ANNOTATION))) {
      return false;
    }
    return gpus(workload) > 0
        || Tree.maps(workload.podSpec(), "containers").stream()
            .anyMatch(
                c -> MODEL_SERVER_IMAGE.matcher(Tree.string(c, "image").orElse("")).matches());
  }

  /** Whether a label selector ({@code matchLabels} or a plain map) selects these labels. */
  public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return labels.entrySet().containsAll(selector.entrySet());
  }

  public static Map<String, String> labels(Map<String, Object> objectOrTemplate) {
    return Tree.stringMap(Tree.map(objectOrTemplate, "metadata"), "labels");
  }
}
