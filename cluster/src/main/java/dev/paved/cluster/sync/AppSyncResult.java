package dev.paved.cluster.sync;

import dev.paved.cluster.apply.ApplyOutcome;
import java.util.List;

/**
 * One app's sync on one cluster: its namespace's apply, the app's objects and prune, and the
 * objects self-heal set back.
 */
public record AppSyncResult(
    List<ApplyOutcome> namespace, SyncResult result, List<ApplyOutcome> healed) {

  public AppSyncResult {
    namespace = List.copyOf(namespace);
    healed = List.copyOf(healed);
  }

  /** Everything applied, the prune ran or was not asked for, nothing failed to be set back. */
  public boolean succeeded() {
    return result.succeeded()
        && namespace.stream().noneMatch(ApplyOutcome.Failed.class::isInstance)
        && healed.stream().noneMatch(ApplyOutcome.Failed.class::isInstance);
  }
}
