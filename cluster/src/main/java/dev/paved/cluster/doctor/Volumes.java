package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** PersistentVolumeClaims that do not bind (§9); WaitForFirstConsumer is normal, not a finding. */
final class Volumes {

  private static final Duration SLOW_PROVISIONING = Duration.ofMinutes(5);

  private Volumes() {}

  static Optional<Finding> claim(ClusterState state, JsonNode pvc) {
    if (!"Pending".equals(Json.text(pvc, "status", "phase"))) {
      return Optional.empty();
    }
    List<EventView> events = state.eventsOf(pvc);
    Optional<EventView> last = events.stream().reduce((a, b) -> b);
    String storageClass = Json.text(pvc, "spec", "storageClassName");
    Optional<EventView> failed =
        events.stream()
            .filter(
                e -> "ProvisioningFailed".equals(e.reason()) || "FailedBinding".equals(e.reason()))
            .reduce((a, b) -> b);
    if (failed.isPresent()) {
      return Optional.of(
          unbound(pvc, failed.get().message(), storageClass).withEvidence(failed.get().evidence()));
    }
    if (last.isPresent() && "WaitForFirstConsumer".equals(last.get().reason())) {
      return Optional.empty();
    }
    Duration age = state.age(Json.time(pvc, "metadata", "creationTimestamp").orElse(state.now()));
    if (age.compareTo(SLOW_PROVISIONING) < 0) {
      return Optional.empty();
    }
    return Optional.of(
        unbound(pvc, last.map(EventView::message).orElse(""), storageClass)
            .withEvidence(
                "PersistentVolumeClaim " + Json.name(pvc) + " Pending for " + Texts.age(age))
            .withEvidence(last.map(EventView::evidence).stream().toList()));
  }

  private static Finding unbound(JsonNode pvc, String message, String storageClass) {
    String summary;
    String fix;
    if (message.contains("storageclass") && message.contains("not found")) {
      summary =
          "The volume claim asks for the StorageClass \""
              + storageClass
              + "\", which does not exist.";
      fix =
          "Use a StorageClass that exists (kubectl get storageclass) or create this one; the target's"
              + " storage class is set in the platform's target file.";
    } else if (message.contains("no storage class is set")) {
      summary =
          "The volume claim names no StorageClass, the cluster has no default one, and no"
              + " PersistentVolume matches it.";
      fix =
          "Mark a StorageClass as default (storageclass.kubernetes.io/is-default-class: \"true\"), set"
              + " one on the claim, or create a matching PersistentVolume.";
    } else {
      summary = "The volume claim has not been bound to a volume.";
      fix =
          "Check that the storage provisioner named on the StorageClass is running and can create"
              + " volumes (its events and logs say why not).";
    }
    return Finding.of(Code.PVC_UNBOUND, Json.ref(pvc), summary, fix);
  }

  /** The scheduler says the pod's claims are unbound: name the claim and why. */
  static Finding unboundFor(ClusterState state, JsonNode pod) {
    for (JsonNode volume : Json.list(pod, "spec", "volumes")) {
      String name = Json.text(volume, "persistentVolumeClaim", "claimName");
      if (name.isEmpty()) {
        continue;
      }
      Optional<JsonNode> pvc = state.find("PersistentVolumeClaim", Json.namespace(pod), name);
      if (pvc.isEmpty()) {
        return Finding.of(
            Code.PVC_UNBOUND,
            Json.ref(pod),
            "The pod mounts the volume claim \"" + name + "\", which does not exist.",
            "Create the PersistentVolumeClaim " + name + " or fix the claim name in the pod spec.");
      }
      if (!"Bound".equals(Json.text(pvc.get(), "status", "phase"))) {
        return claim(state, pvc.get())
            .orElseGet(
                () -> unbound(pvc.get(), "", Json.text(pvc.get(), "spec", "storageClassName")));
      }
    }
    return Finding.of(
        Code.PVC_UNBOUND,
        Json.ref(pod),
        "A volume claim of the pod is not bound to a volume.",
        "Check the pod's PersistentVolumeClaims (kubectl get pvc) and their events.");
  }
}
