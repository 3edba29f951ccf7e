package dev.paved.cluster.sync;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.cache.ApiView;
import dev.paved.cluster.cache.LiveView;
import dev.paved.cluster.connection.ClusterConnection;
import dev.paved.cluster.connection.Errors;
import dev.paved.cluster.connection.Reachability;
import dev.paved.cluster.diff.DriftDetector;
import dev.paved.cluster.health.AppHealth;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.prune.CachedObjects;
import dev.paved.cluster.prune.ClusterObjects;
import dev.paved.cluster.prune.InventoryStore;
import dev.paved.cluster.prune.LiveObjects;
import dev.paved.cluster.prune.PruneResult;
import dev.paved.cluster.prune.Pruner;
import dev.paved.core.render.Labels;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SyncTarget} over a live {@link ClusterConnection}: server-side apply through the
 * connection's watch cache, inventories in the cluster, prune fail-closed, self-heal of drift.
 */
public final class ConnectedTarget implements SyncTarget {

  private final String name;
  private final ClusterConnection connection;

  /** The target {@code name}, whose cluster is {@code connection} (maybe shared with others). */
  public ConnectedTarget(String name, ClusterConnection connection) {
    this.name = name;
    this.connection = connection;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Reachability check() {
    return connection.check();
  }

  @Override
  public AppSyncResult sync(Release release, SyncPolicy policy) {
    LiveView view = connection.view();
    Applier applier = new Applier(connection.client(), view);
    List<ApplyOutcome> namespace = applier.apply(List.of(namespaceObject(release.namespace())));
    SyncResult result = appSync(applier, view, policy.prune()).sync(release);
    List<ApplyOutcome> healed =
        policy.selfHeal() ? heal(applier, view, release.objects()) : List.of();
    return new AppSyncResult(namespace, result, healed);
  }

  @Override
  public PruneResult remove(String app, String namespace, boolean prune) {
    LiveView view = connection.view();
    return appSync(new Applier(connection.client(), view), view, prune).remove(app, namespace);
  }

  @Override
  public AppHealth health(List<ObjectRef> refs) {
    return connection.health(refs);
  }

  @Override
  public DriftReading drift(List<Map<String, Object>> desired, boolean fresh) {
    if (connection.reachability() instanceof Reachability.Unreachable u) {
      return new DriftReading.Unreadable(
          "cluster " + name() + " is unreachable since " + u.since() + ": " + u.reason());
    }
    try {
      LiveView view = fresh ? new ApiView(connection.client()) : connection.view();
      return new DriftReading.Read(new DriftDetector(view).detect(desired));
    } catch (RuntimeException e) {
      return new DriftReading.Unreadable(
          "cluster " + name() + " could not be read: " + Errors.rootMessage(e));
    }
  }

  private AppSync appSync(Applier applier, LiveView view, boolean prune) {
    InventoryStore inventories = new InventoryStore(connection.client(), view);
    LiveObjects live =
        connection
            .cache()
            .filter(c -> view == c)
            .<LiveObjects>map(c -> new CachedObjects(c, connection.client()))
            .orElse(new ClusterObjects(connection.client()));
    return prune
        ? new AppSync(applier, inventories, live, Pruner.DEFAULT_MAX_SHARE)
        : AppSync.withoutPrune(applier, inventories, live);
  }

  /** Objects someone changed in the cluster, set back (self-heal). */
  private static List<ApplyOutcome> heal(
      Applier applier, LiveView view, List<Map<String, Object>> objects) {
    Set<ObjectRef> drifted =
        new HashSet<>(new DriftDetector(view).detect(objects).stream().map(d -> d.ref()).toList());
    if (drifted.isEmpty()) {
      return List.of();
    }
    return applier.apply(
        objects.stream().filter(o -> drifted.contains(ObjectRef.of(o))).toList(), true);
  }

  private static Map<String, Object> namespaceObject(String namespace) {
    return Map.of(
        "apiVersion", "v1",
        "kind", "Namespace",
        "metadata", Map.of("name", namespace, "labels", Map.of(Labels.MANAGED_BY, Labels.MANAGER)));
  }
}
