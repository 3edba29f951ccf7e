package dev.paved.cluster.sync;

import dev.paved.cluster.connection.Reachability;
import dev.paved.cluster.health.AppHealth;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.prune.PruneResult;
import java.util.List;
import java.util.Map;

/**
 * The narrow port between the sync loop and one cluster: all a sync needs of it, nothing about
 * clients, caches or informers. {@link ConnectedTarget} is the real one; tests use an in-memory
 * fake ({@code testing}'s {@code FakeSyncTarget}). Implementations are thread-safe.
 */
public interface SyncTarget {

  /** The target's name, as the platform's target files give it. */
  String name();

  /** Probes the cluster (within its backoff while it is unreachable). Never throws. */
  Reachability check();

  /**
   * Applies the app's namespace and its release, prunes when {@code policy} says so and the release
   * is complete, and sets back drifted fields when it says so. A failure of one object is an
   * outcome, not an exception.
   */
  AppSyncResult sync(Release release, SyncPolicy policy);

  /**
   * Removes every object of an app that left the desired state, then its inventory; with {@code
   * prune} off, removes nothing and says so.
   */
  PruneResult remove(String app, String namespace, boolean prune);

  /** The objects' health; every object Unknown, with why, while the cluster cannot be read. */
  AppHealth health(List<ObjectRef> refs);

  /**
   * How the desired objects differ from the cluster, Paved's fields only, without writing: from the
   * watch cache, or straight from the API server when {@code fresh} (a refresh). Never throws.
   */
  DriftReading drift(List<Map<String, Object>> desired, boolean fresh);
}
