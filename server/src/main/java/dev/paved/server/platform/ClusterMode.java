package dev.paved.server.platform;

import java.nio.file.Path;
import java.util.Optional;

/** Which cluster the server syncs to: one kubeconfig context for every target, or none. */
public sealed interface ClusterMode {

  /** Every target is the cluster of this kubeconfig (and context, or its current one). */
  record Kubeconfig(Path file, Optional<String> context) implements ClusterMode {}

  /** No cluster: apps are rendered, not synced. */
  record None(String reason) implements ClusterMode {}
}
