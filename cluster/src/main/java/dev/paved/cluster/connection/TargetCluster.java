package dev.paved.cluster.connection;

/** A target's cluster as the server has it: connected, or misconfigured and why. */
public sealed interface TargetCluster
    permits TargetCluster.Connected, ClusterResolution.Misconfigured {

  /** The target's connection (shared with every target naming the same cluster). */
  record Connected(ClusterAccess access, ClusterConnection connection) implements TargetCluster {}
}
