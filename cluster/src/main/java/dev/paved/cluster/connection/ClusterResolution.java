package dev.paved.cluster.connection;

/** Whether a target's cluster could be resolved from what its target file names. */
public sealed interface ClusterResolution {

  /** Resolved: connect with this. */
  record Ready(ClusterAccess access) implements ClusterResolution {}

  /**
   * The target names its cluster in a way that cannot work (a context no kubeconfig has, a file
   * that does not parse, a cluster two targets name differently): nothing is synced there, and
   * nothing falls back to another cluster.
   */
  record Misconfigured(String reason, String hint) implements ClusterResolution, TargetCluster {}
}
