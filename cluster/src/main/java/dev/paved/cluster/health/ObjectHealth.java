package dev.paved.cluster.health;

import dev.paved.core.rendered.Tree;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The health of one live object, by kind (docs/health.md). Kinds without a model are healthy once
 * they exist, unless they report {@code Ready}/{@code Available} conditions (CRDs), which decide.
 */
public final class ObjectHealth {

  private static final Set<String> BROKEN_WAITING =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "CreateContainerConfigError",
          "CreateContainerError",
          "InvalidImageName",
          "RunContainerError");

  private ObjectHealth() {}

  public static Health of(Map<String, Object> object) {
    String kind = String.valueOf(object.get("kind"));
    return switch (kind) {
      case "Deployment" -> WorkloadHealth.deployment(object);
      case "StatefulSet" -> WorkloadHealth.statefulSet(object);
      case "DaemonSet" -> WorkloadHealth.daemonSet(object);
      case "Job" -> WorkloadHealth.job(object);
      case "CronJob" -> WorkloadHealth.cronJob(object);
      case "Pod" -> pod(object);
      case "PersistentVolumeClaim" -> claim(object);
      case "Service" -> service(object);
      case "Ingress" ->
          Health.healthy(
              Tree.maps(Tree.map(object, "status", "loadBalancer"), "ingress").isEmpty()
                  ? "no load balancer address reported yet"
                  : "routed");
      case "HorizontalPodAutoscaler" -> autoscaler(object);
      default -> conditions(object);
    };
  }

  static Health pod(Map<String, Object> pod) {
    Map<String, Object> status = Tree.map(pod, "status");
    String phase = Tree.string(status, "phase").orElse("Pending");
    for (Map<String, Object> container : Tree.maps(status, "containerStatuses")) {
      String reason = Tree.string(Tree.map(container, "state", "waiting"), "reason").orElse("");
      if (BROKEN_WAITING.contains(reason)) {
        return Health.degraded("container " + container.get("name") + " is " + reason);
      }
    }
    return switch (phase) {
      case "Succeeded" -> Health.healthy("the pod completed");
      case "Failed" ->
          Health.degraded(
              "the pod failed: "
                  + Tree.string(status, "reason").orElse("")
                  + " "
                  + Tree.string(status, "message").orElse(""));
      case "Running" ->
          WorkloadHealth.condition(status, "Ready")
                  .map(c -> "True".equals(c.get("status")))
                  .orElse(false)
              ? Health.healthy("running and ready")
              : Health.progressing("running, not ready yet");
      default -> Health.progressing("pending");
    };
  }

  static Health claim(Map<String, Object> claim) {
    return switch (Tree.string(Tree.map(claim, "status"), "phase").orElse("Pending")) {
      case "Bound" -> Health.healthy("bound");
      case "Lost" -> Health.degraded("the claim lost its volume");
      default -> Health.progressing("waiting for a volume");
    };
  }

  static Health service(Map<String, Object> service) {
    boolean loadBalancer =
        "LoadBalancer".equals(Tree.string(Tree.map(service, "spec"), "type").orElse(""));
    if (loadBalancer
        && Tree.maps(Tree.map(service, "status", "loadBalancer"), "ingress").isEmpty()) {
      return Health.progressing("waiting for the load balancer's address");
    }
    return Health.healthy("serving");
  }

  static Health autoscaler(Map<String, Object> hpa) {
    Map<String, Object> status = Tree.map(hpa, "status");
    Optional<Map<String, Object>> able = WorkloadHealth.condition(status, "AbleToScale");
    if (able.map(c -> "False".equals(c.get("status"))).orElse(false)) {
      return Health.degraded(
          "the autoscaler cannot scale: " + able.get().getOrDefault("message", ""));
    }
    Optional<Map<String, Object>> active = WorkloadHealth.condition(status, "ScalingActive");
    if (active.map(c -> "False".equals(c.get("status"))).orElse(false)) {
      return Health.healthy(
          "not scaling ("
              + active.get().getOrDefault("reason", "")
              + "); replicas stay at their minimum");
    }
    return Health.healthy("scaling");
  }

  /** CRDs and other kinds: their Ready or Available condition, when they report one. */
  static Health conditions(Map<String, Object> object) {
    Map<String, Object> status = Tree.map(object, "status");
    for (String type : List.of("Ready", "Available")) {
      Optional<Map<String, Object>> condition = WorkloadHealth.condition(status, type);
      if (condition.isPresent()) {
        String message = String.valueOf(condition.get().getOrDefault("message", type));
        return switch (String.valueOf(condition.get().get("status"))) {
          case "True" -> Health.healthy(message);
          case "False" -> Health.degraded(message);
          default -> Health.progressing(message);
        };
      }
    }
    return Health.healthy("exists");
  }
}
