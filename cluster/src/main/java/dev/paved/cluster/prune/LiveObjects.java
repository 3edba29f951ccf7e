package dev.paved.cluster.prune;

import dev.paved.cluster.apply.ObjectRef;
import java.util.Map;
import java.util.Optional;

/** What the pruner needs from a cluster; the real one is {@link ClusterObjects}. */
public interface LiveObjects {

  /**
   * The live object's annotations, or empty when it does not exist. Throws when the cluster errs.
   */
  Optional<Map<String, String>> annotations(ObjectRef ref);

  /** Deletes the object (background propagation). Throws when the cluster errs. */
  void delete(ObjectRef ref);
}
