package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Whether a pod could ever land on a node: selectors, required node affinity and taints. */
final class NodeMatch {

  private static final Set<String> BLOCKING = Set.of("NoSchedule", "NoExecute");

  private NodeMatch() {}

  static boolean selects(JsonNode pod, JsonNode node) {
    Map<String, String> labels = Json.strings(node, "metadata", "labels");
    for (Map.Entry<String, String> wanted : Json.strings(pod, "spec", "nodeSelector").entrySet()) {
      if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
        return false;
      }
    }
    List<JsonNode> terms = requiredTerms(pod);
    return terms.isEmpty() || terms.stream().anyMatch(term -> term(term, labels, Json.name(node)));
  }

  /** The pod's required node affinity terms (any one must match). */
  static List<JsonNode> requiredTerms(JsonNode pod) {
    return Json.list(
        pod,
        "spec",
        "affinity",
        "nodeAffinity",
        "requiredDuringSchedulingIgnoredDuringExecution",
        "nodeSelectorTerms");
  }

  private static boolean term(JsonNode term, Map<String, String> labels, String nodeName) {
    for (JsonNode expression : Json.list(term, "matchExpressions")) {
      if (!expression(expression, labels.get(Json.text(expression, "key")))) {
        return false;
      }
    }
    for (JsonNode field : Json.list(term, "matchFields")) {
      if ("metadata.name".equals(Json.text(field, "key")) && !expression(field, nodeName)) {
        return false;
      }
    }
    return true;
  }

  private static boolean expression(JsonNode expression, String value) {
    List<String> values = Json.list(expression, "values").stream().map(JsonNode::asText).toList();
    return switch (Json.text(expression, "operator")) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt" ->
          value != null && number(value) > number(values.isEmpty() ? "" : values.getFirst());
      case "Lt" ->
          value != null && number(value) < number(values.isEmpty() ? "" : values.getFirst());
      default -> false;
    };
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  /** The node's scheduling taints the pod does not tolerate, as {@code key=value:effect}. */
  static List<String> untolerated(JsonNode pod, JsonNode node) {
    List<JsonNode> tolerations = Json.list(pod, "spec", "tolerations");
    List<String> blocking =
        new java.util.ArrayList<>(
            Json.list(node, "spec", "taints").stream()
                .filter(t -> BLOCKING.contains(Json.text(t, "effect")))
                .filter(t -> tolerations.stream().noneMatch(tol -> tolerates(tol, t)))
                .map(
                    t ->
                        Json.text(t, "key")
                            + (Json.text(t, "value").isEmpty() ? "" : "=" + Json.text(t, "value"))
                            + ":"
                            + Json.text(t, "effect"))
                .toList());
    if (Json.at(node, "spec", "unschedulable").asBoolean(false)) {
      blocking.add("node.kubernetes.io/unschedulable:NoSchedule (cordoned)");
    }
    return blocking;
  }

  private static boolean tolerates(JsonNode toleration, JsonNode taint) {
    String key = Json.text(toleration, "key");
    String operator = Json.text(toleration, "operator");
    String effect = Json.text(toleration, "effect");
    boolean keyMatches =
        key.isEmpty() ? "Exists".equals(operator) : key.equals(Json.text(taint, "key"));
    boolean valueMatches =
        "Exists".equals(operator)
            || Json.text(toleration, "value").equals(Json.text(taint, "value"));
    boolean effectMatches = effect.isEmpty() || effect.equals(Json.text(taint, "effect"));
    return keyMatches && valueMatches && effectMatches;
  }

  /** A node meant for GPUs, whether or not it advertises them right now. */
  static boolean gpuNode(JsonNode node) {
    boolean labelled =
        Json.strings(node, "metadata", "labels").keySet().stream()
            .anyMatch(
                k ->
                    k.startsWith("nvidia.com/gpu")
                        || k.equals("cloud.google.com/gke-accelerator")
                        || k.equals("k8s.amazonaws.com/accelerator")
                        || k.equals("karpenter.k8s.aws/instance-gpu-count")
                        || k.equals("accelerator")
                        || k.startsWith("amd.com/gpu"));
    boolean advertised = Resources.capacity(node).keySet().stream().anyMatch(Resources::gpu);
    return labelled || advertised;
  }
}
