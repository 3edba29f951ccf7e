package dev.paved.cluster.prune;

import dev.paved.cluster.object.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes the inventory's objects that are no longer desired — only when the desired set is
 * complete and non-empty, only objects Paved recorded, never one marked {@value #KEEP_ANNOTATION}
 * {@code "false"}, and never more than a share of the app's objects at once (default half): a prune
 * that would go further stops and reports. An error from the cluster stops the prune.
 */
public final class Pruner {

  public static final String KEEP_ANNOTATION = "paved.dev/prune";
  public static final double DEFAULT_MAX_SHARE = 0.5;

  private final LiveObjects live;
  private final double maxShare;

  public Pruner(LiveObjects live, double maxShare) {
    this.live = live;
    this.maxShare = maxShare;
  }

  /**
   * @param desired the objects of the latest render
   * @param complete whether that render and every apply succeeded (false: prune nothing)
   * @param inventory what Paved applied before
   */
  public PruneResult prune(
      Set<ObjectRef> desired, boolean complete, Optional<Inventory> inventory) {
    if (!complete) {
      return new PruneResult.Refused(
          "the desired state is incomplete (a render or an apply failed)", List.of());
    }
    if (desired.isEmpty()) {
      return new PruneResult.Refused(
          "the desired state is empty; an app is removed by deleting it, not by rendering nothing",
          List.of());
    }
    if (inventory.isEmpty()) {
      return new PruneResult.Pruned(List.of(), List.of());
    }
    List<ObjectRef> candidates =
        inventory.get().objects().stream().filter(ref -> !desired.contains(ref)).toList();
    int total = inventory.get().objects().size();
    if (!candidates.isEmpty() && (double) candidates.size() / total > maxShare) {
      return new PruneResult.Refused(
          String.format(
              Locale.ROOT,
              "pruning would delete %d of the app's %d objects, more than %.0f%%; confirm by raising the limit for this sync",
              candidates.size(),
              total,
              maxShare * 100),
          List.of());
    }
    return delete(candidates);
  }

  /**
   * Deletes every object of an app's inventory — the app was removed on purpose — except those
   * marked keep; refuses on any read error, like {@link #prune}.
   */
  public PruneResult removeAll(Inventory inventory) {
    return delete(List.copyOf(inventory.objects()));
  }

  private PruneResult delete(List<ObjectRef> candidates) {
    if (candidates.isEmpty()) {
      return new PruneResult.Pruned(List.of(), List.of());
    }
    Map<ObjectRef, Map<String, String>> existing;
    try {
      existing = live.existing(candidates);
    } catch (RuntimeException e) {
      return new PruneResult.Refused(
          "could not read the cluster completely, so nothing was pruned: " + e.getMessage(),
          List.of());
    }
    List<ObjectRef> deleted = new ArrayList<>();
    List<ObjectRef> kept = new ArrayList<>();
    for (ObjectRef ref : candidates) {
      if (!existing.containsKey(ref)) {
        continue;
      }
      if ("false".equals(existing.get(ref).get(KEEP_ANNOTATION))) {
        kept.add(ref);
        continue;
      }
      try {
        live.delete(ref);
        deleted.add(ref);
      } catch (RuntimeException e) {
        return new PruneResult.Refused(
            "the cluster failed while pruning " + ref + ": " + e.getMessage(), deleted);
      }
    }
    return new PruneResult.Pruned(deleted, kept);
  }
}
