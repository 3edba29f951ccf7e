package dev.paved.core.target;

import dev.paved.core.error.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cluster that apps can be rendered for and synced to.
 *
 * @param name the target's name
 * @param cloud {@code aws}, {@code gcp}, {@code azure}, {@code onprem} or {@code sandbox}
 * @param environments the environments it serves, in order
 * @param cluster how the server reaches its cluster ({@code spec.cluster}, or {@code spec.context})
 * @param domain the DNS domain public endpoints get ({@code <app>-<env>.<domain>})
 * @param storageClass the StorageClass for persistent volumes (empty: the cluster default)
 * @param ingressClass the IngressClass for public endpoints
 * @param tlsIssuer the cert-manager ClusterIssuer for TLS certificates (empty: none)
 * @param ingress how public traffic arrives: the NetworkPolicy peers it comes from and the
 *     annotations its Ingress objects need
 * @param kueue whether Kueue is installed, and the LocalQueue jobs are sent to
 * @param syncMode who applies its apps: Paved, or Argo CD
 * @param argocd where Argo CD sends the apps and keeps its objects, for {@code sync: argocd}
 * @param gpuClasses the GPU classes offered, by portable name
 * @param prices CPU, memory and storage prices
 * @param cpuNodeMemoryGiB the memory of the largest node without GPUs, when set: no CPU-only pod
 *     can ask for more (CAP-02)
 * @param source where the target was read
 */
public record Target(
    String name,
    String cloud,
    List<String> environments,
    ClusterRef cluster,
    String domain,
    String storageClass,
    String ingressClass,
    String tlsIssuer,
    Ingress ingress,
    Kueue kueue,
    SyncMode syncMode,
    ArgoCd argocd,
    Map<String, GpuClass> gpuClasses,
    Prices prices,
    Optional<Integer> cpuNodeMemoryGiB,
    SourceLocation source) {

  /**
   * Public traffic on a target.
   *
   * @param from NetworkPolicy peers ({@code namespaceSelector} of the ingress controller, or {@code
   *     ipBlock}s of the cloud load balancer) allowed to reach public apps
   * @param annotations annotations every Ingress gets (e.g. the AWS load balancer scheme)
   */
  public record Ingress(List<Map<String, Object>> from, Map<String, String> annotations) {
    public Ingress {
      from = List.copyOf(from);
      annotations =
          java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
    }
  }

  /** Kueue settings of a target. */
  public record Kueue(boolean enabled, String queue) {}

  /**
   * The Argo CD side of a {@code sync: argocd} target ({@code spec.argocd}).
   *
   * @param destinationName the cluster's name as registered in Argo CD, when it is named so
   * @param destinationServer its API server URL otherwise ({@code https://kubernetes.default.svc}:
   *     the cluster Argo CD runs in)
   * @param namespace where Argo CD keeps its Applications and AppProjects
   */
  public record ArgoCd(
      Optional<String> destinationName, String destinationServer, String namespace) {

    public static final String IN_CLUSTER = "https://kubernetes.default.svc";

    /** Argo CD in the cluster it deploys to, in namespace {@code argocd}. */
    public static ArgoCd inCluster() {
      return new ArgoCd(Optional.empty(), IN_CLUSTER, "argocd");
    }
  }

  public Target {
    environments = List.copyOf(environments);
    gpuClasses = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(gpuClasses));
  }

  /** The GPU class whose node selector a pod's node selector contains, if any. */
  public Optional<GpuClass> gpuClassSelectedBy(Map<String, ?> podNodeSelector) {
    return gpuClasses.values().stream()
        .filter(c -> !c.nodeSelector().isEmpty())
        .filter(
            c ->
                c.nodeSelector().entrySet().stream()
                    .allMatch(
                        e -> e.getValue().equals(String.valueOf(podNodeSelector.get(e.getKey())))))
        .findFirst();
  }

  public Optional<GpuClass> findGpuClass(String name) {
    return Optional.ofNullable(gpuClasses.get(name));
  }
}
