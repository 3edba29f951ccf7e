package dev.paved.cluster.prune;

import dev.paved.cluster.object.ObjectRef;
import java.util.Collection;
import java.util.Map;

/**
 * What the pruner needs from a cluster: {@link ClusterObjects} (lists) or {@link CachedObjects}.
 */
public interface LiveObjects {

  /**
   * The annotations of those of {@code refs} that exist, from a complete answer: a list cut short
   * (an error on any page, an unreachable cluster, a cache that is not synced) throws, never
   * returns part of the truth.
   */
  Map<ObjectRef, Map<String, String>> existing(Collection<ObjectRef> refs);

  /** Deletes the object (background propagation). Throws when the cluster errs. */
  void delete(ObjectRef ref);
}
