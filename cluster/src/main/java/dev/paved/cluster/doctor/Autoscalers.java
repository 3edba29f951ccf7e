package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * HorizontalPodAutoscalers that cannot read the metrics they scale on ({@code ScalingActive=False},
 * a {@code FailedGet…Metric} reason): they keep the replicas where they are, so a load peak is not
 * met, while the app itself looks healthy. A warning: nothing is broken yet.
 */
final class Autoscalers {

  private static final Set<String> NO_METRICS =
      Set.of(
          "FailedGetResourceMetric",
          "FailedGetContainerResourceMetric",
          "FailedGetPodsMetric",
          "FailedGetObjectMetric",
          "FailedGetExternalMetric",
          "InvalidMetricSourceType");

  private Autoscalers() {}

  static Optional<Finding> check(JsonNode hpa) {
    JsonNode active = Json.condition(hpa, "ScalingActive");
    String reason = Json.text(active, "reason");
    if (!"False".equals(Json.text(active, "status")) || !NO_METRICS.contains(reason)) {
      return Optional.empty();
    }
    String message = Json.text(active, "message");
    String target =
        Json.text(hpa, "spec", "scaleTargetRef", "kind")
            + " "
            + Json.text(hpa, "spec", "scaleTargetRef", "name");
    return Optional.of(
        Finding.of(
                Code.AUTOSCALER_NO_METRICS,
                Json.ref(hpa),
                "The autoscaler of "
                    + target
                    + " cannot read the metrics it scales on, so it keeps the replicas where they"
                    + " are: more load will not bring more replicas.",
                fix(reason, message))
            .withEvidence("ScalingActive=False " + reason + ": " + Texts.shorten(message, 300)));
  }

  private static String fix(String reason, String message) {
    if (message.contains("missing request for")) {
      return "Give every container of the pods a request for the resource it scales on (Paved's"
          + " golden paths do: check the pod template for a container without one).";
    }
    if (reason.equals("FailedGetResourceMetric")
        || reason.equals("FailedGetContainerResourceMetric")) {
      return "Install metrics-server in the cluster (the resource metrics API, metrics.k8s.io),"
          + " or ask the platform team to; the sandbox has none, so its autoscalers never scale.";
    }
    return "Install or fix the adapter that serves these metrics (Prometheus Adapter for"
        + " custom.metrics.k8s.io, KEDA or an external metrics adapter), or scale on CPU instead.";
  }
}
