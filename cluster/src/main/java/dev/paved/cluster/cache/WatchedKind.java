package dev.paved.cluster.cache;

import dev.paved.cluster.object.ObjectRef;
import java.util.List;

/** A kind the {@link ClusterCache} watches. */
public record WatchedKind(String apiVersion, String kind) {

  /** Every kind the built-in golden paths render, the namespaces and the inventory ConfigMaps. */
  public static final List<WatchedKind> PAVED_KINDS =
      List.of(
          new WatchedKind("v1", "Namespace"),
          new WatchedKind("v1", "ServiceAccount"),
          new WatchedKind("v1", "ConfigMap"),
          new WatchedKind("v1", "Service"),
          new WatchedKind("v1", "PersistentVolumeClaim"),
          new WatchedKind("apps/v1", "Deployment"),
          new WatchedKind("apps/v1", "StatefulSet"),
          new WatchedKind("batch/v1", "Job"),
          new WatchedKind("batch/v1", "CronJob"),
          new WatchedKind("autoscaling/v2", "HorizontalPodAutoscaler"),
          new WatchedKind("policy/v1", "PodDisruptionBudget"),
          new WatchedKind("networking.k8s.io/v1", "Ingress"),
          new WatchedKind("networking.k8s.io/v1", "NetworkPolicy"));

  public static WatchedKind of(ObjectRef ref) {
    return new WatchedKind(ref.apiVersion(), ref.kind());
  }

  @Override
  public String toString() {
    return apiVersion + " " + kind;
  }
}
