package dev.paved.gitops.sync;

import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.connection.ClusterResolution;
import dev.paved.cluster.connection.TargetCluster;
import dev.paved.cluster.sync.ConnectedTarget;
import dev.paved.cluster.sync.MisconfiguredTarget;
import dev.paved.cluster.sync.SyncTarget;

/** The cluster of each target, by the target's name: where the syncer sends each app. */
@FunctionalInterface
public interface SyncTargets {

  SyncTarget of(String target);

  /**
   * The live clusters of {@code connections}, asked on every call (a target file changed on main
   * takes effect at once); a target whose cluster cannot be resolved is a {@link
   * MisconfiguredTarget}, never another cluster.
   */
  static SyncTargets over(ClusterConnections connections) {
    return name ->
        switch (connections.find(name)) {
          case TargetCluster.Connected c -> new ConnectedTarget(name, c.connection());
          case ClusterResolution.Misconfigured m ->
              new MisconfiguredTarget(
                  name, "misconfigured: " + m.reason() + " (fix: " + m.hint() + ")");
        };
  }
}
