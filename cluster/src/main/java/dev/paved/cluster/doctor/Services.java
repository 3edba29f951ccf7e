package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Services whose selector matches no pod (§7). A Service whose pods exist but are not ready is not
 * a finding of its own: the pods' findings explain it.
 */
final class Services {

  private Services() {}

  static Optional<Finding> check(ClusterState state, JsonNode service) {
    Map<String, String> selector = Json.strings(service, "spec", "selector");
    if (selector.isEmpty() || "ExternalName".equals(Json.text(service, "spec", "type"))) {
      return Optional.empty();
    }
    String namespace = Json.namespace(service);
    boolean podMatches =
        state.all("Pod").stream()
            .filter(p -> Json.namespace(p).equals(namespace))
            .anyMatch(p -> matches(selector, Json.strings(p, "metadata", "labels")));
    boolean workloadMatches =
        java.util.stream.Stream.of("Deployment", "StatefulSet", "ReplicaSet", "Job", "DaemonSet")
            .flatMap(kind -> state.all(kind).stream())
            .filter(w -> Json.namespace(w).equals(namespace))
            .anyMatch(
                w -> matches(selector, Json.strings(w, "spec", "template", "metadata", "labels")));
    if (podMatches || workloadMatches) {
      return Optional.empty();
    }
    String wanted =
        String.join(
            ",", selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    Finding finding =
        Finding.of(
                Code.SERVICE_NO_ENDPOINTS,
                Json.ref(service),
                "The Service selects pods with "
                    + wanted
                    + ", but no pod has these labels, so it has no endpoints.",
                "Make the Service's selector match the pods' labels (or the pods' labels match it);"
                    + " the evidence shows the labels the pods have.")
            .withEvidence("selector: " + wanted);
    for (JsonNode pod : state.all("Pod")) {
      if (Json.namespace(pod).equals(namespace)) {
        finding =
            finding.withEvidence(
                "Pod " + Json.name(pod) + " labels: " + Json.strings(pod, "metadata", "labels"));
        break;
      }
    }
    return Optional.of(finding);
  }

  private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return !labels.isEmpty()
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
