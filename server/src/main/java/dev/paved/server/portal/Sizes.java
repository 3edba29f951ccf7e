package dev.paved.server.portal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How big a deployment is, read from its rendered objects: replicas and GPUs. */
final class Sizes {

  private Sizes() {}

  /** {@code "2"}, or {@code "2–6 (autoscaled)"} when an autoscaler owns the count. */
  static String replicas(List<Map<String, Object>> objects) {
    Optional<Map<String, Object>> hpa = first(objects, "HorizontalPodAutoscaler");
    if (hpa.isPresent()) {
      Map<String, Object> spec = map(hpa.get().get("spec"));
      return spec.getOrDefault("minReplicas", 1) + "–" + spec.get("maxReplicas") + " (autoscaled)";
    }
    return workload(objects)
        .map(w -> String.valueOf(map(w.get("spec")).getOrDefault("replicas", 1)))
        .orElse("—");
  }

  /** GPUs of a deployment: per replica, of which product, and the fewest replicas it runs. */
  record GpuUse(long perReplica, String product, long minReplicas) {
    long total() {
      return perReplica * minReplicas;
    }
  }

  /** GPUs per replica with their product, e.g. {@code "1 × NVIDIA-L4 per replica"}. */
  static String gpus(List<Map<String, Object>> objects) {
    return gpuUse(objects)
        .map(g -> g.perReplica() + " × " + g.product() + " per replica")
        .orElse("none");
  }

  static Optional<GpuUse> gpuUse(List<Map<String, Object>> objects) {
    Optional<Map<String, Object>> pod = workload(objects).map(w -> podSpec(w));
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    long count = 0;
    for (Object c : list(pod.get().get("containers"))) {
      Map<String, Object> limits = map(map(map(c).get("resources")).get("limits"));
      for (var entry : limits.entrySet()) {
        if (entry.getKey().endsWith("/gpu")) {
          count += Long.parseLong(String.valueOf(entry.getValue()));
        }
      }
    }
    if (count == 0) {
      return Optional.empty();
    }
    String product =
        map(pod.get().get("nodeSelector")).entrySet().stream()
            .filter(e -> e.getKey().contains("gpu") || e.getKey().contains("accelerator"))
            .map(e -> String.valueOf(e.getValue()))
            .findFirst()
            .orElse("GPU");
    return Optional.of(new GpuUse(count, product, minReplicas(objects)));
  }

  private static long minReplicas(List<Map<String, Object>> objects) {
    Optional<Map<String, Object>> hpa = first(objects, "HorizontalPodAutoscaler");
    Object value =
        hpa.map(h -> map(h.get("spec")).getOrDefault("minReplicas", 1))
            .orElseGet(
                () ->
                    workload(objects)
                        .map(w -> map(w.get("spec")).getOrDefault("replicas", 1))
                        .orElse(1));
    return Long.parseLong(String.valueOf(value));
  }

  /** The value of a {@code --name=value} argument of the workload's first container. */
  static Optional<String> argument(List<Map<String, Object>> objects, String prefix) {
    return workload(objects)
        .map(Sizes::podSpec)
        .flatMap(p -> list(p.get("containers")).stream().findFirst())
        .flatMap(
            c ->
                list(map(c).get("args")).stream()
                    .map(String::valueOf)
                    .filter(a -> a.startsWith(prefix))
                    .map(a -> a.substring(prefix.length()))
                    .findFirst());
  }

  /** The name of the app's Job, when its workload is one (it holds GPUs only while it runs). */
  static Optional<String> jobName(List<Map<String, Object>> objects) {
    return workload(objects)
        .filter(w -> "Job".equals(w.get("kind")))
        .map(w -> String.valueOf(map(w.get("metadata")).get("name")));
  }

  private static Optional<Map<String, Object>> workload(List<Map<String, Object>> objects) {
    return objects.stream()
        .filter(
            o ->
                List.of("Deployment", "StatefulSet", "Job", "JobSet", "RayJob")
                    .contains(String.valueOf(o.get("kind"))))
        .findFirst();
  }

  private static Map<String, Object> podSpec(Map<String, Object> workload) {
    Map<String, Object> spec = map(workload.get("spec"));
    return map(map(spec.get("template")).get("spec"));
  }

  private static Optional<Map<String, Object>> first(
      List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }
}
