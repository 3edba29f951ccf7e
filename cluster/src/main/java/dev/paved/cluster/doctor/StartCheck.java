package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Containers that cannot be created or started: missing Secrets and ConfigMaps, bad commands,
 * sandbox (network, runtime class) failures and volumes that do not mount (§5, §9).
 */
final class StartCheck {

  private static final Pattern MISSING_REF =
      Pattern.compile("(secrets?|configmaps?) \"([^\"]+)\" not found");
  private static final Pattern MISSING_KEY =
      Pattern.compile("couldn't find key (\\S+) in (Secret|ConfigMap) (\\S+)");
  private static final Set<String> CREATE_REASONS =
      Set.of(
          "CreateContainerError",
          "RunContainerError",
          "PreCreateHookError",
          "PreStartHookError",
          "PostStartHookError",
          "CreatePodSandboxError",
          "VerifyNonRootError",
          "RunInitContainerError");

  private StartCheck() {}

  static Optional<Finding> check(ClusterState state, JsonNode pod, ContainerView container) {
    String reason = container.waitingReason();
    String message = container.waitingMessage();
    String where =
        "Pod " + Json.name(pod) + ": container " + container.name() + " waiting " + reason;
    if ("CreateContainerConfigError".equals(reason)) {
      return Optional.of(
          missing(pod, message)
              .orElseGet(() -> createFailed(pod, message))
              .withEvidence(where + ": " + Texts.shorten(message, 300)));
    }
    if (CREATE_REASONS.contains(reason)) {
      return Optional.of(
          createFailed(pod, message).withEvidence(where + ": " + Texts.shorten(message, 300)));
    }
    if ("CrashLoopBackOff".equals(reason) || !container.terminated().isEmpty()) {
      Optional<JsonNode> exit = container.latestExit();
      if (exit.isPresent() && "StartError".equals(Json.text(exit.get(), "reason"))) {
        String text = Json.text(exit.get(), "message");
        return Optional.of(
            createFailed(pod, text)
                .withEvidence("Pod " + Json.name(pod) + ": " + container.describeExit(exit.get()))
                .withEvidence("termination message: " + Texts.shorten(text, 300)));
      }
    }
    return Optional.empty();
  }

  /** A pod stuck creating: the reason is in FailedMount, FailedAttachVolume or sandbox events. */
  static Optional<Finding> creating(ClusterState state, JsonNode pod) {
    List<EventView> events = state.eventsOf(pod);
    Optional<EventView> sandbox = latest(events, "FailedCreatePodSandBox");
    if (sandbox.isPresent()) {
      return Optional.of(
          createFailed(pod, sandbox.get().message()).withEvidence(sandbox.get().evidence()));
    }
    Optional<EventView> mount =
        events.stream()
            .filter(e -> Set.of("FailedMount", "FailedAttachVolume").contains(e.reason()))
            .reduce(
                (a, b) ->
                    MISSING_REF.matcher(b.message()).find()
                            || !MISSING_REF.matcher(a.message()).find()
                        ? b
                        : a);
    if (mount.isEmpty()) {
      return Optional.empty();
    }
    EventView event = mount.get();
    return Optional.of(
        missing(pod, event.message())
            .orElseGet(() -> volume(pod, event))
            .withEvidence(event.evidence()));
  }

  private static Optional<EventView> latest(List<EventView> events, String reason) {
    return events.stream().filter(e -> reason.equals(e.reason())).reduce((a, b) -> b);
  }

  private static Optional<Finding> missing(JsonNode pod, String message) {
    var ref = MISSING_REF.matcher(message);
    if (ref.find()) {
      String kind = ref.group(1).startsWith("secret") ? "Secret" : "ConfigMap";
      String name = ref.group(2);
      return Optional.of(
          Finding.of(
              Code.CONFIG_MISSING,
              Json.ref(pod),
              "The "
                  + kind
                  + " \""
                  + name
                  + "\" that the pod needs does not exist in namespace "
                  + Json.namespace(pod)
                  + ".",
              "Create it (for a Secret: kubectl create secret generic "
                  + name
                  + " -n "
                  + Json.namespace(pod)
                  + " --from-literal=KEY=VALUE, one --from-literal per key the app reads), or"
                  + " remove the reference; Paved apps read the Secret APP-secrets with one key"
                  + " per name in 'secrets'."));
    }
    var key = MISSING_KEY.matcher(message);
    if (key.find()) {
      return Optional.of(
          Finding.of(
              Code.CONFIG_MISSING,
              Json.ref(pod),
              "The "
                  + key.group(2)
                  + " "
                  + key.group(3)
                  + " exists but has no key \""
                  + key.group(1)
                  + "\".",
              "Add the key "
                  + key.group(1)
                  + " to "
                  + key.group(3)
                  + " (kubectl edit, or re-create it with every key), or fix the key name the pod reads."));
    }
    return Optional.empty();
  }

  private static Finding createFailed(JsonNode pod, String message) {
    String summary;
    String fix;
    if (message.contains("runAsNonRoot")) {
      summary = "The container must run as non-root, but its image runs as root.";
      fix =
          "Build the image with a numeric non-root USER (for example USER 10001), or set"
              + " securityContext.runAsUser to a non-root uid the image supports.";
    } else if (message.contains("no runtime for")) {
      summary = "The node has no container runtime handler for the pod's runtimeClassName.";
      fix =
          "Install the NVIDIA container toolkit on the GPU nodes (the GPU operator does it) or"
              + " remove runtimeClassName where the default runtime already exposes GPUs.";
    } else if (message.contains("IP address") || message.contains("IP addresses")) {
      summary =
          "The network plugin could not give the pod an IP address (the subnet or node is out of IPs).";
      fix =
          "Free or add IP addresses: enlarge the subnet or prefix delegation, lower the pods per"
              + " node, or add nodes in a subnet with free addresses.";
    } else if (message.contains("executable file not found")
        || message.contains("no such file or directory")) {
      summary = "The container's command does not exist in the image.";
      fix =
          "Fix the command or args (or the image's ENTRYPOINT) to a program that exists in the image.";
    } else {
      summary = "The container runtime could not create or start the container.";
      fix =
          "Read the message in the evidence; it names what the runtime refused (command, security"
              + " context, volume or runtime class) and change that in the pod spec.";
    }
    return Finding.of(Code.CONTAINER_CREATE_FAILED, Json.ref(pod), summary, fix);
  }

  private static Finding volume(JsonNode pod, EventView event) {
    String message = event.message();
    if (message.contains("Multi-Attach")) {
      return Finding.of(
          Code.VOLUME_MOUNT_FAILED,
          Json.ref(pod),
          "A ReadWriteOnce volume is already attached to another node, so this pod cannot mount it.",
          "Run one replica per ReadWriteOnce volume (a StatefulSet with volumeClaimTemplates),"
              + " use a ReadWriteMany storage class for shared caches, or keep replicas on one node.");
    }
    return Finding.of(
        Code.VOLUME_MOUNT_FAILED,
        Json.ref(pod),
        "A volume of the pod cannot be attached or mounted.",
        "Check the storage driver (CSI) pods and the volume's state in the storage backend; the"
            + " event names the volume and the driver's error.");
  }
}
