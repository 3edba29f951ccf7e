package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one pod, root cause first: eviction and admission, scheduling, image pulls and
 * container creation, exits (with their logs), the node, then probes.
 */
final class PodCheck {

  private PodCheck() {}

  static PodVerdict verdict(ClusterState state, JsonNode pod) {
    String phase = Json.text(pod, "status", "phase");
    if (!Json.text(pod, "metadata", "deletionTimestamp").isEmpty() || "Succeeded".equals(phase)) {
      return new PodVerdict.Fine();
    }
    Optional<Finding> podLevel = podLevel(pod);
    if (podLevel.isPresent()) {
      return PodVerdict.of(podLevel.get());
    }
    JsonNode scheduled = Json.condition(pod, "PodScheduled");
    if ("False".equals(Json.text(scheduled, "status"))) {
      return "SchedulingGated".equals(Json.text(scheduled, "reason"))
          ? PodVerdict.of(queued(pod))
          : SchedulingCheck.check(state, pod);
    }
    List<ContainerView> containers = ContainerView.of(pod);
    List<Finding> problems = new ArrayList<>();
    for (ContainerView container : containers) {
      ImagePullCheck.check(state, pod, container)
          .or(() -> StartCheck.check(state, pod, container))
          .or(() -> CrashCheck.check(state, pod, container))
          .ifPresent(problems::add);
    }
    if (problems.isEmpty() && "Pending".equals(phase)) {
      StartCheck.creating(state, pod).ifPresent(problems::add);
    }
    if (problems.isEmpty()) {
      node(state, pod).ifPresent(problems::add);
    }
    if (problems.isEmpty()) {
      containers.forEach(c -> Probes.readiness(state, pod, c).ifPresent(problems::add));
    }
    return problems.isEmpty() ? new PodVerdict.Fine() : new PodVerdict.Problems(distinct(problems));
  }

  private static List<Finding> distinct(List<Finding> problems) {
    List<Finding> kept = new ArrayList<>();
    for (Finding finding : problems) {
      if (kept.stream()
          .noneMatch(k -> k.code() == finding.code() && k.object().equals(finding.object()))) {
        kept.add(finding);
      }
    }
    return kept;
  }

  private static Optional<Finding> podLevel(JsonNode pod) {
    String reason = Json.text(pod, "status", "reason");
    String message = Json.text(pod, "status", "message");
    String evidence = "Pod " + Json.name(pod) + ": " + reason + ": " + Texts.shorten(message, 400);
    return switch (reason) {
      case "Evicted" -> Optional.of(evicted(pod, message).withEvidence(evidence));
      case "UnexpectedAdmissionError" ->
          Optional.of(
              (message.contains("devices") || message.contains("gpu")
                      ? Finding.of(
                          Code.GPU_NOT_AVAILABLE,
                          Json.ref(pod),
                          "The node accepted the pod but could not hand it the GPUs it was promised"
                              + " (a device became unhealthy or was lost).",
                          "The controller replaces the pod; if it repeats, drain the node and have"
                              + " its GPUs checked (nvidia-smi, XID errors in the device plugin log).")
                      : Finding.of(
                          Code.CONTAINER_CREATE_FAILED,
                          Json.ref(pod),
                          "The node refused the pod at admission.",
                          "Read the message in the evidence; the controller replaces the pod."))
                  .withEvidence(evidence));
      default -> Optional.empty();
    };
  }

  private static Finding evicted(JsonNode pod, String message) {
    boolean memory = message.contains("low on resource: memory");
    boolean disk =
        message.contains("ephemeral-storage") || message.contains("ephemeral local storage");
    return Finding.of(
        Code.EVICTED,
        Json.ref(pod),
        memory
            ? "The node ran short of memory and evicted the pod, which used more than it requested."
            : disk
                ? "The pod was evicted for using too much local disk (ephemeral storage)."
                : "The kubelet evicted the pod because its node was under pressure.",
        memory
            ? "Request the memory the app really uses (with.memory), so the scheduler reserves it;"
                + " requests equal to limits make the pod the last to be evicted."
            : disk
                ? "Keep large files (model caches, datasets) on a volume, or request enough"
                    + " ephemeral-storage for them."
                : "Check the node's conditions and request the resources the app really uses.");
  }

  private static Finding queued(JsonNode pod) {
    return Finding.of(
            Code.QUEUED,
            Json.ref(pod),
            "The pods wait behind a scheduling gate (a queue such as Kueue admits them); this is normal.",
            "Nothing to fix: they start when the queue admits the workload. 'kubectl get workloads -n "
                + Json.namespace(pod)
                + "' shows why it waits.")
        .withEvidence("Pod " + Json.name(pod) + ": PodScheduled=False SchedulingGated");
  }

  private static Optional<Finding> node(ClusterState state, JsonNode pod) {
    String nodeName = Json.text(pod, "spec", "nodeName");
    Optional<JsonNode> node = state.node(nodeName);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    JsonNode ready = Json.condition(node.get(), "Ready");
    if (ready.isMissingNode() || "True".equals(Json.text(ready, "status"))) {
      return Optional.empty();
    }
    String since = Json.text(ready, "lastTransitionTime");
    return Optional.of(
        Finding.of(
                Code.NODE_NOT_READY,
                Json.ref(node.get()),
                "The node "
                    + nodeName
                    + " is not ready (Ready="
                    + Json.text(ready, "status")
                    + (since.isEmpty() ? "" : " since " + since)
                    + "); its pods do not work.",
                "Kubernetes moves the pods after 5 minutes; check the node in the cloud console"
                    + " (status, GPU or kernel errors) and replace it if it does not recover.")
            .withEvidence(
                "Node "
                    + nodeName
                    + ": Ready="
                    + Json.text(ready, "status")
                    + " "
                    + Json.text(ready, "reason")
                    + ": "
                    + Json.text(ready, "message"))
            .withEvidence("Pod " + Json.name(pod) + " runs on it"));
  }
}
