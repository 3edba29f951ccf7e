package dev.paved.core.rendered;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The apply order of rendered objects: namespaces and CRDs first, then identity and policy, config,
 * storage, services, workloads, scaling and routes; within a kind, by namespace and name.
 */
public final class ObjectOrder {

  private static final List<List<String>> RANKS =
      List.of(
          List.of("Namespace"),
          List.of("CustomResourceDefinition"),
          List.of("ResourceQuota", "LimitRange", "PriorityClass", "RuntimeClass", "StorageClass"),
          List.of("ServiceAccount"),
          List.of("ClusterRole", "Role"),
          List.of("ClusterRoleBinding", "RoleBinding"),
          List.of("NetworkPolicy"),
          List.of("ConfigMap", "Secret"),
          List.of("PersistentVolume", "PersistentVolumeClaim"),
          List.of("Service"),
          List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod"),
          List.of("HorizontalPodAutoscaler", "PodDisruptionBudget"),
          List.of("Ingress", "HTTPRoute", "GRPCRoute"));

  private static final Map<String, Integer> RANK = rankByKind();

  public static final Comparator<RenderedObject> APPLY_ORDER =
      Comparator.comparingInt((RenderedObject o) -> RANK.getOrDefault(o.kind(), RANKS.size()))
          .thenComparing(RenderedObject::kind)
          .thenComparing(RenderedObject::namespace)
          .thenComparing(RenderedObject::name);

  private ObjectOrder() {}

  private static Map<String, Integer> rankByKind() {
    java.util.HashMap<String, Integer> ranks = new java.util.HashMap<>();
    for (int i = 0; i < RANKS.size(); i++) {
      for (String kind : RANKS.get(i)) {
        ranks.put(kind, i);
      }
    }
    return Map.copyOf(ranks);
  }

  /** Kinds that create pods. */
  public static boolean ownsPods(String kind) {
    return switch (kind) {
      case "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod" -> true;
      default -> false;
    };
  }

  /** Kinds that have no namespace. */
  public static boolean isClusterScoped(String kind) {
    return switch (kind) {
      case "Namespace",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleBinding",
          "PriorityClass",
          "RuntimeClass",
          "StorageClass",
          "IngressClass",
          "PersistentVolume",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding",
          "ResourceFlavor",
          "ClusterQueue" ->
          true;
      default -> false;
    };
  }
}
