package dev.paved.cluster.prune;

import dev.paved.cluster.object.ObjectRef;
import java.util.List;

/** What a prune did; a refusal deletes nothing. */
public sealed interface PruneResult {

  /** Objects deleted, and objects kept because they are marked {@code paved.dev/prune: "false"}. */
  record Pruned(List<ObjectRef> deleted, List<ObjectRef> kept) implements PruneResult {
    public Pruned {
      deleted = List.copyOf(deleted);
      kept = List.copyOf(kept);
    }
  }

  /** Prune was not asked for (turned off for the environment). */
  record Skipped(String reason) implements PruneResult {}

  /** Nothing was deleted, and why: the fail-closed rules, or an error part-way. */
  record Refused(String reason, List<ObjectRef> deletedBeforeTheError) implements PruneResult {
    public Refused {
      deletedBeforeTheError = List.copyOf(deletedBeforeTheError);
    }
  }
}
