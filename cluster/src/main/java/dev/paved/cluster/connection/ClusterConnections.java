package dev.paved.cluster.connection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** One {@link ClusterConnection} per target, opened on first use and shared. Thread-safe. */
public final class ClusterConnections implements AutoCloseable {

  private final Function<String, ClusterConnection> opener;
  private final Map<String, ClusterConnection> open = new ConcurrentHashMap<>();

  /**
   * @param opener opens the connection of a target name (called once per target)
   */
  public ClusterConnections(Function<String, ClusterConnection> opener) {
    this.opener = opener;
  }

  public ClusterConnection of(String target) {
    return open.computeIfAbsent(target, opener);
  }

  /** Probes every open connection (each within its backoff). */
  public Map<String, Reachability> checkAll() {
    Map<String, Reachability> result = new java.util.TreeMap<>();
    open.forEach((name, connection) -> result.put(name, connection.check()));
    return result;
  }

  public List<String> targets() {
    return open.keySet().stream().sorted().toList();
  }

  @Override
  public void close() {
    open.values().forEach(ClusterConnection::close);
    open.clear();
  }
}
