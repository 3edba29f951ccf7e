package dev.paved.cluster.connection;

import io.fabric8.kubernetes.client.Config;
import java.util.function.Supplier;

/**
 * A target's cluster, resolved: who it is and how to log in.
 *
 * @param key the same for every target that names this cluster the same way: they share one
 *     connection, one watch cache and one health state
 * @param name what messages call it ({@code paved-sandbox}, {@code in-cluster}, …)
 * @param server its API server URL, as far as known before connecting (empty when not)
 * @param config a fresh client configuration, read again at each reconnect
 */
public record ClusterAccess(String key, String name, String server, Supplier<Config> config) {

  /** A cluster known only by a name, for callers that open connections themselves. */
  public static ClusterAccess named(String name) {
    return new ClusterAccess(
        name,
        name,
        "",
        () -> {
          throw new IllegalStateException("cluster " + name + " is opened by its caller");
        });
  }
}
