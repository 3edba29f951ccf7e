package dev.paved.cluster.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events a real kubelet writes when a container enters a failing state, in the kubelet's own
 * wording (reference k8s-failure-signals.md §4.1 and §6): KWOK's stages can set container states
 * but only fixed event texts, which cannot name the image, container or pod. Pure: given the
 * previous and current waiting reason of a container, it says which events to write.
 */
final class KubeletEvents {

  /** One event to write about a container of a pod. */
  record Spec(String type, String reason, String message) {}

  private KubeletEvents() {}

  /** The events for a container whose waiting reason changed from {@code before} to now. */
  static List<Spec> forTransition(Pod pod, ContainerStatus container, Optional<String> before) {
    Optional<String> now = waitingReason(container);
    if (now.isEmpty() || now.equals(before)) {
      return List.of();
    }
    String image = container.getImage();
    return switch (now.get()) {
      case "ErrImagePull" -> {
        List<Spec> events = new ArrayList<>();
        events.add(new Spec("Normal", "Pulling", "Pulling image \"" + image + "\""));
        events.add(
            new Spec(
                "Warning", "Failed", "Failed to pull image \"" + image + "\": " + notFound(image)));
        events.add(new Spec("Warning", "Failed", "Error: ErrImagePull"));
        yield events;
      }
      case "ImagePullBackOff" ->
          List.of(
              new Spec("Normal", "BackOff", "Back-off pulling image \"" + image + "\""),
              new Spec("Warning", "Failed", "Error: ImagePullBackOff"));
      case "CrashLoopBackOff" ->
          List.of(
              new Spec(
                  "Warning",
                  "BackOff",
                  "Back-off restarting failed container "
                      + container.getName()
                      + " in pod "
                      + pod.getMetadata().getName()
                      + "_"
                      + pod.getMetadata().getNamespace()
                      + "("
                      + pod.getMetadata().getUid()
                      + ")"));
      case "CreateContainerConfigError" ->
          List.of(
              new Spec(
                  "Warning", "Failed", "Error: " + container.getState().getWaiting().getMessage()));
      default -> List.of();
    };
  }

  static Optional<String> waitingReason(ContainerStatus container) {
    return Optional.ofNullable(container.getState())
        .flatMap(s -> Optional.ofNullable(s.getWaiting()))
        .flatMap(w -> Optional.ofNullable(w.getReason()));
  }

  /** containerd's answer for a tag or repository that does not exist (§4.2). */
  static String notFound(String image) {
    String reference = fullReference(image);
    return "rpc error: code = NotFound desc = failed to pull and unpack image \""
        + reference
        + "\": failed to resolve reference \""
        + reference
        + "\": "
        + reference
        + ": not found";
  }

  /** {@code nginx:1} → {@code docker.io/library/nginx:1}, as containerd names it. */
  static String fullReference(String image) {
    String first = image.contains("/") ? image.substring(0, image.indexOf('/')) : "";
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    if (hasRegistry) {
      return image;
    }
    return image.contains("/") ? "docker.io/" + image : "docker.io/library/" + image;
  }

  /** Whether Paved simulates a failure on this pod (only those get kubelet-style events). */
  static boolean simulated(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(SandboxLabels.SIMULATE);
  }
}
