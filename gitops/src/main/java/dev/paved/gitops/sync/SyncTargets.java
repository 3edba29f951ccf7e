package dev.paved.gitops.sync;

import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.sync.ConnectedTarget;
import dev.paved.cluster.sync.SyncTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The cluster of each target, by the target's name: where the syncer sends each app. */
@FunctionalInterface
public interface SyncTargets {

  SyncTarget of(String target);

  /** The live clusters of {@code connections}, one {@link ConnectedTarget} per target. */
  static SyncTargets over(ClusterConnections connections) {
    Map<String, SyncTarget> targets = new ConcurrentHashMap<>();
    return name -> targets.computeIfAbsent(name, n -> new ConnectedTarget(connections.of(n)));
  }
}
