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
 * @param context the kubeconfig context to reach it (empty: in-cluster or the current context)
 * @param domain the DNS domain public endpoints get ({@code <app>-<env>.<domain>})
 * @param storageClass the StorageClass for persistent volumes (empty: the cluster default)
 * @param ingressClass the IngressClass for public endpoints
 * @param tlsIssuer the cert-manager ClusterIssuer for TLS certificates (empty: none)
 * @param kueue whether Kueue is installed, and the LocalQueue jobs are sent to
 * @param syncMode {@code paved} or {@code argocd}
 * @param gpuClasses the GPU classes offered, by portable name
 * @param prices CPU, memory and storage prices
 * @param source where the target was read
 */
public record Target(
    String name,
    String cloud,
    List<String> environments,
    String context,
    String domain,
    String storageClass,
    String ingressClass,
    String tlsIssuer,
    Kueue kueue,
    String syncMode,
    Map<String, GpuClass> gpuClasses,
    Prices prices,
    SourceLocation source) {

  /** Kueue settings of a target. */
  public record Kueue(boolean enabled, String queue) {}

  public Target {
    environments = List.copyOf(environments);
    gpuClasses = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(gpuClasses));
  }

  public Optional<GpuClass> findGpuClass(String name) {
    return Optional.ofNullable(gpuClasses.get(name));
  }
}
