package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A container of a pod: its spec and its status side by side. */
record ContainerView(String name, boolean init, JsonNode spec, JsonNode status) {

  static List<ContainerView> of(JsonNode pod) {
    List<ContainerView> containers = new ArrayList<>();
    add(containers, pod, "initContainers", "initContainerStatuses", true);
    add(containers, pod, "containers", "containerStatuses", false);
    return containers;
  }

  private static void add(
      List<ContainerView> into, JsonNode pod, String specField, String statusField, boolean init) {
    List<JsonNode> statuses = Json.list(pod, "status", statusField);
    for (JsonNode spec : Json.list(pod, "spec", specField)) {
      String name = Json.text(spec, "name");
      JsonNode status =
          statuses.stream()
              .filter(s -> name.equals(Json.text(s, "name")))
              .findFirst()
              .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
      into.add(new ContainerView(name, init, spec, status));
    }
  }

  String waitingReason() {
    return Json.text(status, "state", "waiting", "reason");
  }

  String waitingMessage() {
    return Json.text(status, "state", "waiting", "message");
  }

  boolean running() {
    return !Json.at(status, "state", "running").isMissingNode();
  }

  boolean ready() {
    return Json.at(status, "ready").asBoolean(false);
  }

  int restarts() {
    return Json.integer(status, 0, "restartCount");
  }

  /** The current termination, when the container has ended and will not restart. */
  Optional<JsonNode> terminated() {
    JsonNode node = Json.at(status, "state", "terminated");
    return node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }

  Optional<JsonNode> lastTerminated() {
    JsonNode node = Json.at(status, "lastState", "terminated");
    return node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }

  /** The latest termination: the current one, else the last one. */
  Optional<JsonNode> latestExit() {
    return terminated().or(this::lastTerminated);
  }

  Optional<Instant> startedAt() {
    return Json.time(status, "state", "running", "startedAt");
  }

  String describeExit(JsonNode terminated) {
    String reason = Json.text(terminated, "reason");
    return "container "
        + name
        + " exited with code "
        + Json.integer(terminated, 0, "exitCode")
        + (reason.isEmpty() ? "" : " (" + reason + ")")
        + Json.optional(terminated, "finishedAt").map(t -> " at " + t).orElse("");
  }
}
