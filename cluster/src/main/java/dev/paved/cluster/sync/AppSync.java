package dev.paved.cluster.sync;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.prune.Inventory;
import dev.paved.cluster.prune.InventoryStore;
import dev.paved.cluster.prune.LiveObjects;
import dev.paved.cluster.prune.PruneResult;
import dev.paved.cluster.prune.Pruner;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Syncs one app: apply every desired object, add what was applied to the inventory, then prune the
 * inventory objects that left a complete desired set. The inventory is written before the prune, so
 * an object applied once is never forgotten, even when a later step fails. Idempotent: a second
 * sync of the same release writes nothing (with an unchanged inventory, not even the inventory).
 */
public final class AppSync {

  private final Applier applier;
  private final InventoryStore inventories;
  private final Pruner pruner;
  private final boolean prune;

  /** A sync that prunes, never more than {@code maxPruneShare} of an app at once. */
  public AppSync(
      Applier applier, InventoryStore inventories, LiveObjects live, double maxPruneShare) {
    this(applier, inventories, new Pruner(live, maxPruneShare), true);
  }

  private AppSync(Applier applier, InventoryStore inventories, Pruner pruner, boolean prune) {
    this.applier = applier;
    this.inventories = inventories;
    this.pruner = pruner;
    this.prune = prune;
  }

  /** A sync that applies and records the inventory but deletes nothing (prune off). */
  public static AppSync withoutPrune(
      Applier applier, InventoryStore inventories, LiveObjects live) {
    return new AppSync(applier, inventories, new Pruner(live, 0), false);
  }

  /**
   * Removes an app that was deleted on purpose: every inventory object (except those marked keep),
   * then the inventory. Fail closed like prune; a no-op for an app without inventory.
   */
  public PruneResult remove(String app, String namespace) {
    Optional<Inventory> inventory = inventories.read(namespace, app);
    if (inventory.isEmpty()) {
      return new PruneResult.Pruned(List.of(), List.of());
    }
    if (!prune) {
      return new PruneResult.Skipped("prune is off; the app's objects stay in the cluster");
    }
    PruneResult result = pruner.removeAll(inventory.get());
    if (result instanceof PruneResult.Pruned p && p.kept().isEmpty()) {
      inventories.delete(namespace, app);
    }
    return result;
  }

  public SyncResult sync(Release release) {
    List<ApplyOutcome> applied = applier.apply(release.objects());
    Set<ObjectRef> desired =
        applied.stream()
            .map(ApplyOutcome::ref)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    boolean complete =
        release.complete() && applied.stream().noneMatch(ApplyOutcome.Failed.class::isInstance);
    Optional<Inventory> recorded;
    try {
      recorded = record(release, applied);
    } catch (KubernetesClientException e) {
      return new SyncResult(
          release.revision(),
          applied,
          new PruneResult.Refused("could not record the inventory: " + e.getMessage(), List.of()));
    }
    PruneResult pruned =
        prune
            ? pruner.prune(desired, complete, recorded)
            : new PruneResult.Skipped("prune is off for this environment");
    if (pruned instanceof PruneResult.Pruned p && !p.deleted().isEmpty()) {
      Set<ObjectRef> left = new LinkedHashSet<>(recorded.orElseThrow().objects());
      p.deleted().forEach(left::remove);
      inventories.write(new Inventory(release.app(), release.namespace(), left));
    }
    return new SyncResult(release.revision(), applied, pruned);
  }

  /** The inventory grown by every object that now exists; written only when it changed. */
  private Optional<Inventory> record(Release release, List<ApplyOutcome> applied) {
    Optional<Inventory> before = inventories.read(release.namespace(), release.app());
    Set<ObjectRef> objects = new LinkedHashSet<>(before.map(Inventory::objects).orElse(Set.of()));
    applied.stream()
        .filter(o -> !(o instanceof ApplyOutcome.Failed))
        .map(ApplyOutcome::ref)
        .forEach(objects::add);
    if (objects.isEmpty()) {
      return before;
    }
    Inventory after = new Inventory(release.app(), release.namespace(), objects);
    if (before.isEmpty() || !before.get().objects().equals(after.objects())) {
      inventories.write(after);
    }
    return Optional.of(after);
  }
}
