package dev.paved.cluster.sandbox;

import java.util.Map;

/**
 * Extra node labels that make the fake nodes look like one cloud's GPU node pools, so that
 * cloud-specific rendering can be checked end to end. {@code NONE} adds only the cloud-neutral GPU
 * feature discovery labels that every profile has.
 */
public enum CloudProfile {
  NONE,
  GKE,
  EKS,
  AKS;

  /** The labels for a node of {@code pool} ({@code cpu}, {@code nvidia-l4}, …). */
  Map<String, String> labels(NodePool pool) {
    return switch (this) {
      case NONE -> Map.of();
      case GKE ->
          pool.gpuCount() == 0
              ? Map.of(
                  "cloud.google.com/gke-nodepool",
                  pool.poolName(),
                  "topology.kubernetes.io/zone",
                  "us-central1-a")
              : Map.of(
                  "cloud.google.com/gke-nodepool",
                  pool.poolName(),
                  "cloud.google.com/gke-accelerator",
                  pool.poolName(),
                  "topology.kubernetes.io/zone",
                  "us-central1-a");
      case EKS ->
          Map.of(
              "eks.amazonaws.com/nodegroup",
              pool.poolName(),
              "node.kubernetes.io/instance-type",
              pool.awsInstanceType(),
              "topology.kubernetes.io/zone",
              "us-east-1a");
      case AKS ->
          pool.gpuCount() == 0
              ? Map.of(
                  "kubernetes.azure.com/agentpool",
                  pool.azurePoolName(),
                  "topology.kubernetes.io/zone",
                  "eastus-1")
              : Map.of(
                  "kubernetes.azure.com/agentpool",
                  pool.azurePoolName(),
                  "accelerator",
                  "nvidia",
                  "topology.kubernetes.io/zone",
                  "eastus-1");
    };
  }
}
