package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Probe failures (§7): readiness that keeps a pod out of its Service, and liveness or startup
 * probes that restart it. A server still coming up answers "connection refused"; that is normal
 * while its start-up budget lasts. A server that answers with an HTTP error is up and unhappy.
 */
final class Probes {

  private static final Duration SETTLING = Duration.ofMinutes(10);

  private Probes() {}

  static Optional<Finding> readiness(ClusterState state, JsonNode pod, ContainerView container) {
    if (!container.running() || container.ready() || container.init()) {
      return Optional.empty();
    }
    List<EventView> failures =
        state.eventsOf(pod).stream()
            .filter(
                e -> "Unhealthy".equals(e.reason()) && e.message().startsWith("Readiness probe"))
            .filter(
                e ->
                    e.fieldPath().isEmpty() || e.fieldPath().contains("{" + container.name() + "}"))
            .toList();
    if (failures.isEmpty()) {
      return Optional.empty();
    }
    EventView last = failures.getLast();
    boolean answered = last.message().contains("statuscode:");
    Instant started = container.startedAt().orElse(Instant.EPOCH);
    Duration budget = startupBudget(container.spec()).orElse(Duration.ZERO).plus(SETTLING);
    if (!answered && state.age(started).compareTo(budget) < 0) {
      return Optional.empty();
    }
    String path = Json.text(container.spec(), "readinessProbe", "httpGet", "path");
    boolean notFound = last.message().contains("statuscode: 404");
    return Optional.of(
        Finding.of(
                Code.READINESS_FAILING,
                Json.ref(pod),
                "The container "
                    + container.name()
                    + " runs but fails its readiness probe"
                    + (path.isEmpty() ? "" : " on " + path)
                    + ", so it gets no traffic.",
                notFound
                    ? "The probe path does not exist on the server (404): point readinessProbe at"
                        + " the app's real health path."
                    : "Make the health endpoint pass: the evidence shows what it answers (a 503"
                        + " usually means a dependency it checks is down).")
            .withEvidence(
                "Pod " + Json.name(pod) + ": container " + container.name() + " running, not ready")
            .withEvidence(last.evidence()));
  }

  /** initialDelay + failureThreshold × period of the startup probe. */
  static Optional<Duration> startupBudget(JsonNode containerSpec) {
    JsonNode probe = Json.at(containerSpec, "startupProbe");
    if (probe.isMissingNode()) {
      return Optional.empty();
    }
    int delay = Json.integer(probe, 0, "initialDelaySeconds");
    int period = Json.integer(probe, 10, "periodSeconds");
    int threshold = Json.integer(probe, 3, "failureThreshold");
    return Optional.of(Duration.ofSeconds(delay + (long) period * threshold));
  }

  static Finding restarts(JsonNode pod, ContainerView container, EventView event) {
    boolean startup = event.message().toLowerCase(java.util.Locale.ROOT).contains("startup probe");
    if (startup) {
      Duration budget = startupBudget(container.spec()).orElse(Duration.ofMinutes(5));
      long minutes = Math.min(120, Math.max(2, (budget.toMinutes() + 1) * 2));
      return Finding.of(
              Code.LIVENESS_RESTARTS,
              Json.ref(pod),
              "The startup probe gives the container "
                  + Texts.age(budget)
                  + " to start, which is too short: it is killed before it finishes loading.",
              "Give it longer to start: with.startupMinutes: "
                  + minutes
                  + " in paved.yaml (or raise startupProbe.failureThreshold).")
          .withPatch(Map.of("with", Map.of("startupMinutes", minutes)))
          .withEvidence(event.evidence());
    }
    return Finding.of(
            Code.LIVENESS_RESTARTS,
            Json.ref(pod),
            "The liveness probe of "
                + container.name()
                + " fails and the kubelet restarts the container.",
            "Keep the liveness endpoint cheap and independent of dependencies, and raise its"
                + " timeoutSeconds or failureThreshold if the app is busy, not dead.")
        .withEvidence(event.evidence());
  }
}
