package dev.paved.cluster.sync;

import dev.paved.cluster.connection.Reachability;
import dev.paved.cluster.health.AppHealth;
import dev.paved.cluster.health.AppStatusReader;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.prune.PruneResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A target whose cluster cannot be resolved from its file (a context no kubeconfig has, a file that
 * does not parse, …): always unreachable with that reason, so its apps go Unknown and their syncs
 * fail with it. Nothing is ever sent anywhere, so nothing lands on a wrong cluster.
 */
public record MisconfiguredTarget(String name, String reason) implements SyncTarget {

  @Override
  public Reachability check() {
    return new Reachability.Unreachable(reason, Instant.EPOCH, 1, Instant.MAX);
  }

  @Override
  public AppSyncResult sync(Release release, SyncPolicy policy) {
    throw new IllegalStateException("target " + name + " is misconfigured: " + reason);
  }

  @Override
  public PruneResult remove(String app, String namespace, boolean prune) {
    throw new IllegalStateException("target " + name + " is misconfigured: " + reason);
  }

  @Override
  public AppHealth health(List<ObjectRef> refs) {
    return AppStatusReader.allUnknown(refs, reason);
  }

  @Override
  public DriftReading drift(List<Map<String, Object>> desired, boolean fresh) {
    return new DriftReading.Unreadable(reason);
  }
}
