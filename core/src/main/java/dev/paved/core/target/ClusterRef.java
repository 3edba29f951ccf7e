package dev.paved.core.target;

import java.util.Optional;

/**
 * How the server reaches a target's cluster, as the target file names it ({@code spec.cluster}).
 * Only the server acts on it; rendering never needs it.
 */
public sealed interface ClusterRef {

  /** What a person reads: {@code context gke-prod}, {@code in-cluster}, … */
  String describe();

  /** Nothing named: the cluster the server was started with (its kubeconfig, or in-cluster). */
  record ServerDefault() implements ClusterRef {
    @Override
    public String describe() {
      return "the server's own cluster";
    }
  }

  /**
   * A context of a kubeconfig: of {@code kubeconfig} when set, else of the server's kubeconfig
   * files (searched in order, as kubectl merges {@code KUBECONFIG}).
   */
  record Context(String context, Optional<String> kubeconfig) implements ClusterRef {
    @Override
    public String describe() {
      return "context " + context + kubeconfig.map(k -> " of " + k).orElse("");
    }
  }

  /** The cluster the server runs in, through its pod's service account. */
  record InCluster() implements ClusterRef {
    @Override
    public String describe() {
      return "in-cluster";
    }
  }

  /**
   * A kubeconfig kept in a Secret in the server's namespace (the server on Kubernetes): its {@code
   * key}, and {@code context} of it or its current one.
   */
  record Secret(String name, String key, Optional<String> context) implements ClusterRef {
    @Override
    public String describe() {
      return "Secret "
          + name
          + " (key "
          + key
          + context.map(c -> ", context " + c).orElse("")
          + ")";
    }
  }
}
