package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The memory a pod can really get on the nodes it may run on: what a node has left after the
 * requests of the pods already on it, and, for a pod that takes some of a node's GPUs, no more than
 * its share of the node (so the node's other GPUs stay usable). The doctor proposes this as the new
 * {@code with.memory}, not the node's whole size.
 */
final class MemoryFit {

  private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

  private MemoryFit() {}

  /** The most memory one of {@code nodes} can give the pod now, in whole GiB rounded down. */
  static Optional<BigDecimal> best(ClusterState state, JsonNode pod, List<JsonNode> nodes) {
    return nodes.stream()
        .map(node -> forNode(state, pod, node))
        .max(BigDecimal::compareTo)
        .filter(b -> b.compareTo(GIB) >= 0)
        .map(b -> b.divide(GIB, 0, RoundingMode.FLOOR).multiply(GIB));
  }

  private static BigDecimal forNode(ClusterState state, JsonNode pod, JsonNode node) {
    BigDecimal allocatable = Resources.allocatable(node).getOrDefault("memory", BigDecimal.ZERO);
    BigDecimal free = allocatable.subtract(used(state, pod, node));
    int gpus = Resources.gpus(pod);
    int nodeGpus =
        Resources.allocatable(node).entrySet().stream()
            .filter(e -> Resources.gpu(e.getKey()))
            .mapToInt(e -> e.getValue().intValue())
            .sum();
    if (gpus > 0 && nodeGpus > gpus) {
      BigDecimal share =
          allocatable
              .multiply(BigDecimal.valueOf(gpus))
              .divide(BigDecimal.valueOf(nodeGpus), 0, RoundingMode.FLOOR);
      free = free.min(share);
    }
    return free.max(BigDecimal.ZERO);
  }

  /** Memory requested by the other pods running on the node (finished pods hold none). */
  private static BigDecimal used(ClusterState state, JsonNode pod, JsonNode node) {
    String name = Json.name(node);
    return state.all("Pod").stream()
        .filter(p -> name.equals(Json.text(p, "spec", "nodeName")))
        .filter(p -> !Json.uid(p).equals(Json.uid(pod)))
        .filter(p -> !List.of("Succeeded", "Failed").contains(Json.text(p, "status", "phase")))
        .map(p -> Resources.requests(p).getOrDefault("memory", BigDecimal.ZERO))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
