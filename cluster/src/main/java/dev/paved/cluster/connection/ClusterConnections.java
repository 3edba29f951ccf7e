package dev.paved.cluster.connection;

import dev.paved.core.error.EnvironmentException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The connections of the targets' clusters: one per cluster, opened on first use and shared by
 * every target that names that cluster the same way. Which cluster a target names is asked of the
 * {@link Directory} on every lookup, so a target file changed on main takes effect at once; a
 * target whose cluster cannot be resolved gets no connection at all, never another cluster's.
 * Thread-safe.
 */
public final class ClusterConnections implements AutoCloseable {

  /** Where each target's cluster is. */
  @FunctionalInterface
  public interface Directory {
    ClusterResolution resolve(String target);
  }

  private final Directory directory;
  private final Function<ClusterAccess, ClusterConnection> opener;
  private final Map<String, ClusterConnection> open = new ConcurrentHashMap<>();

  /**
   * @param directory says where each target's cluster is
   * @param opener opens the connection of a cluster (called once per cluster)
   */
  public ClusterConnections(
      Directory directory, Function<ClusterAccess, ClusterConnection> opener) {
    this.directory = directory;
    this.opener = opener;
  }

  /** Every target its own connection, opened by {@code opener} from the target's name. */
  public ClusterConnections(Function<String, ClusterConnection> opener) {
    this(
        target -> new ClusterResolution.Ready(ClusterAccess.named(target)),
        access -> opener.apply(access.name()));
  }

  /** Connections to the clusters {@code directory} names, each with its access's client. */
  public static ClusterConnections resolved(Directory directory) {
    return new ClusterConnections(
        directory,
        access ->
            ClusterConnection.of(
                access.name(),
                () ->
                    new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                        .withConfig(access.config().get())
                        .build()));
  }

  /** The target's cluster: its shared connection, or why it has none. */
  public TargetCluster find(String target) {
    return switch (directory.resolve(target)) {
      case ClusterResolution.Misconfigured m -> m;
      case ClusterResolution.Ready r ->
          new TargetCluster.Connected(
              r.access(), open.computeIfAbsent(r.access().key(), k -> opener.apply(r.access())));
    };
  }

  /**
   * The connection of the target's cluster.
   *
   * @throws EnvironmentException when the target's cluster is misconfigured (the reason and fix)
   */
  public ClusterConnection of(String target) {
    return switch (find(target)) {
      case TargetCluster.Connected c -> c.connection();
      case ClusterResolution.Misconfigured m ->
          throw new EnvironmentException(m.reason(), m.hint(), false, null);
    };
  }

  /** Probes every open connection (each within its backoff), by cluster name. */
  public Map<String, Reachability> checkAll() {
    Map<String, Reachability> result = new java.util.TreeMap<>();
    open.values().forEach(connection -> result.put(connection.target(), connection.check()));
    return result;
  }

  /** The names of the clusters connected so far. */
  public List<String> targets() {
    return open.values().stream().map(ClusterConnection::target).sorted().toList();
  }

  @Override
  public void close() {
    open.values().forEach(ClusterConnection::close);
    open.clear();
  }
}
