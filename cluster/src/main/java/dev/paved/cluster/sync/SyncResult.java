package dev.paved.cluster.sync;

import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.prune.PruneResult;
import java.util.List;

/** What a sync did: each object's apply outcome, then the prune. */
public record SyncResult(String revision, List<ApplyOutcome> applied, PruneResult pruned) {

  public SyncResult {
    applied = List.copyOf(applied);
  }

  /** Every object applied and the prune ran (possibly deleting nothing) or was not asked for. */
  public boolean succeeded() {
    return failures().isEmpty() && !(pruned instanceof PruneResult.Refused);
  }

  public List<ApplyOutcome.Failed> failures() {
    return applied.stream()
        .filter(ApplyOutcome.Failed.class::isInstance)
        .map(ApplyOutcome.Failed.class::cast)
        .toList();
  }

  /** Whether nothing was written: every object unchanged and nothing pruned. */
  public boolean noOp() {
    return applied.stream().allMatch(ApplyOutcome.Unchanged.class::isInstance)
        && !(pruned instanceof PruneResult.Pruned p && !p.deleted().isEmpty());
  }
}
