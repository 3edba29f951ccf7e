package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The scheduling findings, with the node facts that prove them. */
final class Placement {

  private Placement() {}

  static Finding selectorMismatch(JsonNode pod, List<JsonNode> nodes) {
    Map<String, String> selector = Json.strings(pod, "spec", "nodeSelector");
    Finding finding =
        Finding.of(
            Code.NODE_SELECTOR_MISMATCH,
            Json.ref(pod),
            "No node in the cluster has the labels the pod asks for"
                + (selector.isEmpty()
                    ? " (required node affinity)."
                    : " (" + labels(selector) + ")."),
            "Choose a GPU class or node pool this cluster has (with.gpu in paved.yaml; 'paved"
                + " targets' lists them), or add nodes with these labels.");
    for (String key : selectorKeys(pod)) {
      Set<String> values = new TreeSet<>();
      nodes.forEach(n -> Json.optional(n, "metadata", "labels", key).ifPresent(values::add));
      finding =
          finding.withEvidence(
              "nodes' values of "
                  + key
                  + ": "
                  + (values.isEmpty() ? "none has the label" : String.join(", ", values)));
    }
    return finding;
  }

  private static Set<String> selectorKeys(JsonNode pod) {
    Set<String> keys = new LinkedHashSet<>(Json.strings(pod, "spec", "nodeSelector").keySet());
    for (JsonNode term : NodeMatch.requiredTerms(pod)) {
      Json.list(term, "matchExpressions").forEach(e -> keys.add(Json.text(e, "key")));
    }
    return keys;
  }

  private static String labels(Map<String, String> selector) {
    return String.join(
        ", ", selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  static Finding untolerated(JsonNode pod, List<JsonNode> nodes) {
    Set<String> taints = new TreeSet<>();
    nodes.forEach(n -> taints.addAll(NodeMatch.untolerated(pod, n)));
    boolean gpuTaint = taints.stream().anyMatch(t -> t.contains("gpu"));
    return Finding.of(
            Code.UNTOLERATED_TAINT,
            Json.ref(pod),
            "Every node the pod may run on has a taint it does not tolerate ("
                + String.join(", ", taints)
                + ").",
            gpuTaint && Resources.gpus(pod) == 0
                ? "GPU nodes are tainted to keep other pods off: run this pod on CPU nodes (remove"
                    + " the GPU node selector), or ask for a GPU (with.gpu) so it gets the toleration."
                : "Add a matching toleration to the pod (Paved's paths add it for their GPU class),"
                    + " or run it on nodes without this taint.")
        .withEvidence(nodes.size() + " matching node(s), tainted: " + String.join(", ", taints));
  }

  static Optional<Finding> gpu(
      JsonNode pod,
      String resource,
      BigDecimal want,
      List<JsonNode> matching,
      List<JsonNode> tolerated,
      String message) {
    List<JsonNode> offering =
        tolerated.stream()
            .filter(
                n -> Resources.allocatable(n).getOrDefault(resource, BigDecimal.ZERO).signum() > 0)
            .toList();
    if (offering.isEmpty()) {
      boolean behindTaint =
          matching.stream()
              .anyMatch(
                  n ->
                      Resources.allocatable(n).getOrDefault(resource, BigDecimal.ZERO).signum()
                          > 0);
      if (behindTaint) {
        return Optional.of(
            untolerated(
                pod,
                matching.stream().filter(n -> !NodeMatch.untolerated(pod, n).isEmpty()).toList()));
      }
      if (matching.stream().anyMatch(NodeMatch::gpuNode)) {
        return Optional.of(
            noDevices(pod, resource, matching.stream().filter(NodeMatch::gpuNode).toList()));
      }
      return Optional.of(
          Finding.of(
                  Code.INSUFFICIENT_GPU,
                  Json.ref(pod),
                  "The pod asks for "
                      + want.toPlainString()
                      + " "
                      + resource
                      + " but no node it may run on has any.",
                  "Deploy to a target with GPU nodes, or add a GPU node pool to this cluster.")
              .withEvidence("no matching node offers " + resource));
    }
    BigDecimal most = max(offering, resource, true);
    BigDecimal mostCapacity = max(offering, resource, false);
    if (want.compareTo(most) > 0) {
      if (want.compareTo(mostCapacity) <= 0) {
        return Optional.of(unhealthy(pod, resource, offering));
      }
      return Optional.of(
          Finding.of(
                  Code.INSUFFICIENT_GPU,
                  Json.ref(pod),
                  "The pod asks for "
                      + want.toPlainString()
                      + " GPUs on one node, but the largest node has "
                      + most.toPlainString()
                      + ".",
                  "Ask for at most "
                      + most.toPlainString()
                      + " GPUs per replica (with.gpus), or choose a"
                      + " GPU class whose nodes have "
                      + want.toPlainString()
                      + " (with.gpu).")
              .withPatch(Map.of("with", Map.of("gpus", most.intValue())))
              .withEvidence("largest " + resource + " per node: " + most.toPlainString()));
    }
    if (message.contains("Insufficient " + resource)
        && offering.stream().anyMatch(n -> shortOfCapacity(n, resource))) {
      return Optional.of(unhealthy(pod, resource, offering));
    }
    return Optional.empty();
  }

  private static boolean shortOfCapacity(JsonNode node, String resource) {
    return Resources.allocatable(node)
            .getOrDefault(resource, BigDecimal.ZERO)
            .compareTo(Resources.capacity(node).getOrDefault(resource, BigDecimal.ZERO))
        < 0;
  }

  private static BigDecimal max(List<JsonNode> nodes, String resource, boolean allocatable) {
    return nodes.stream()
        .map(
            n ->
                (allocatable ? Resources.allocatable(n) : Resources.capacity(n))
                    .getOrDefault(resource, BigDecimal.ZERO))
        .max(BigDecimal::compareTo)
        .orElse(BigDecimal.ZERO);
  }

  static Finding noDevices(JsonNode pod, String resource, List<JsonNode> gpuNodes) {
    return Finding.of(
            Code.GPU_NOT_AVAILABLE,
            Json.ref(pod),
            "The GPU nodes advertise no "
                + resource
                + ": the GPUs are there but Kubernetes cannot see them.",
            "Fix the NVIDIA device plugin (or GPU operator) on these nodes: its pod log says why (driver,"
                + " container toolkit, NVML); until then no GPU pod can run there.")
        .withEvidence(
            gpuNodes.size()
                + " GPU node(s) with no "
                + resource
                + " in allocatable: "
                + String.join(", ", gpuNodes.stream().map(Json::name).limit(5).toList()));
  }

  static Finding unhealthy(JsonNode pod, String resource, List<JsonNode> nodes) {
    List<String> lines =
        nodes.stream()
            .filter(n -> shortOfCapacity(n, resource))
            .map(
                n ->
                    Json.name(n)
                        + " has "
                        + Resources.allocatable(n).get(resource).toPlainString()
                        + " of "
                        + Resources.capacity(n).get(resource).toPlainString()
                        + " "
                        + resource
                        + " usable")
            .toList();
    return Finding.of(
            Code.GPU_NOT_AVAILABLE,
            Json.ref(pod),
            "Some GPUs were marked unhealthy, so nodes offer fewer GPUs than they have.",
            "Drain the node and have the GPU checked (an XID error usually needs a reset or a"
                + " replacement); meanwhile the pod fits only where all requested GPUs are healthy.")
        .withEvidence(lines);
  }

  /**
   * A request larger than every node it may run on; for memory, the patch asks for what a node can
   * really give ({@code fits}: free, and the pod's GPU share of the node), else 90 % of the
   * largest.
   */
  static Finding exceedsEveryNode(
      JsonNode pod, String resource, BigDecimal want, BigDecimal most, Optional<BigDecimal> fits) {
    Code code = "cpu".equals(resource) ? Code.INSUFFICIENT_CPU : Code.INSUFFICIENT_MEMORY;
    Finding finding =
        Finding.of(
                code,
                Json.ref(pod),
                "The pod asks for "
                    + Resources.plain(resource, want)
                    + " "
                    + resource
                    + ", more than any node it may run on offers ("
                    + Resources.plain(resource, most)
                    + ").",
                "Ask for at most "
                    + Resources.plain(resource, most)
                    + " "
                    + resource
                    + " (with."
                    + resource
                    + " in paved.yaml), or use a node pool with larger nodes.")
            .withEvidence(
                "largest allocatable "
                    + resource
                    + " per node: "
                    + Resources.plain(resource, most));
    if (!"memory".equals(resource)) {
      return finding;
    }
    BigDecimal proposed = fits.orElse(most.multiply(BigDecimal.valueOf(0.9)));
    return finding
        .withEvidence(
            fits.map(
                    f ->
                        "what a node can give this pod now (free, and its GPU share of the node): "
                            + Resources.plain(resource, f))
                .orElse("no node reports what is free: 90% of the largest is proposed"))
        .withPatch(Map.of("with", Map.of("memory", Resources.plain(resource, proposed))));
  }

  static Finding busy(JsonNode pod, Code code) {
    return switch (code) {
      case INSUFFICIENT_GPU ->
          Finding.of(
              code,
              Json.ref(pod),
              "All GPUs of the class the pod asks for are in use.",
              "Wait for GPUs to free up, raise the node pool's maximum size, or choose another GPU class (with.gpu).");
      case INSUFFICIENT_CPU ->
          Finding.of(
              code,
              Json.ref(pod),
              "No node has enough free CPU for the pod.",
              "Lower the CPU request (with.cpu), scale other workloads down, or add nodes.");
      case INSUFFICIENT_MEMORY ->
          Finding.of(
              code,
              Json.ref(pod),
              "No node has enough free memory for the pod.",
              "Lower the memory request (with.memory), scale other workloads down, or add nodes.");
      case NODE_SELECTOR_MISMATCH ->
          Finding.of(
              code,
              Json.ref(pod),
              "No node matches the pod's node selector or affinity.",
              "Choose a GPU class or node pool this cluster has (with.gpu), or add matching nodes.");
      default ->
          Finding.of(
              code,
              Json.ref(pod),
              "Every node the pod may run on has a taint it does not tolerate.",
              "Add a matching toleration, or run the pod on nodes without this taint.");
    };
  }
}
