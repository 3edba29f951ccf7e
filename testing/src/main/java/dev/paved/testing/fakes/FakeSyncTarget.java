package dev.paved.testing.fakes;

import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.cache.LiveView;
import dev.paved.cluster.connection.Reachability;
import dev.paved.cluster.diff.DriftDetector;
import dev.paved.cluster.health.AppHealth;
import dev.paved.cluster.health.AppStatusReader;
import dev.paved.cluster.health.Health;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.prune.PruneResult;
import dev.paved.cluster.sync.AppSyncResult;
import dev.paved.cluster.sync.DriftReading;
import dev.paved.cluster.sync.Release;
import dev.paved.cluster.sync.SyncPolicy;
import dev.paved.cluster.sync.SyncResult;
import dev.paved.cluster.sync.SyncTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster in memory, as the sync loop sees one: objects applied per app (what a second apply of
 * the same object changes), prune and removal by app, health (every object there is Healthy), and
 * on demand: unreachable, an object that fails to apply, a sync that waits until released (to make
 * two syncs of one app meet). Counts the syncs of each app. Thread-safe.
 */
public final class FakeSyncTarget implements SyncTarget {

  private final String name;
  private final Map<String, Map<ObjectRef, Map<String, Object>>> apps = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> syncs = new ConcurrentHashMap<>();
  private final Set<ObjectRef> failing = ConcurrentHashMap.newKeySet();
  private volatile boolean reachable = true;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile CountDownLatch entered = new CountDownLatch(0);

  public FakeSyncTarget(String name) {
    this.name = name;
  }

  /** The cluster goes away (or comes back). */
  public FakeSyncTarget reachable(boolean answers) {
    this.reachable = answers;
    return this;
  }

  /** Applying this object fails (retryable, as an API server error is). */
  public FakeSyncTarget failing(ObjectRef ref) {
    failing.add(ref);
    return this;
  }

  /** Syncs wait until {@link #release()}: a second sync of the same app meets the first. */
  public FakeSyncTarget holdSyncs() {
    gate = new CountDownLatch(1);
    entered = new CountDownLatch(1);
    return this;
  }

  /** Waits until a held sync has started. */
  public boolean awaitHeldSync() throws InterruptedException {
    return entered.await(1, TimeUnit.MINUTES);
  }

  public void release() {
    gate.countDown();
  }

  /** The objects of an app now, by reference. */
  public Set<ObjectRef> objects(String namespace, String app) {
    return Set.copyOf(apps.getOrDefault(namespace + "/" + app, Map.of()).keySet());
  }

  /** How many syncs of any app reached the cluster. */
  public int syncs() {
    return syncs.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** How many syncs of this app reached the cluster. */
  public int syncsOf(String app) {
    return syncs.getOrDefault(app, new AtomicInteger()).get();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Reachability check() {
    return reachable
        ? new Reachability.Reachable(Instant.EPOCH)
        : new Reachability.Unreachable(
            "connection refused (a fake)", Instant.EPOCH, 1, Instant.EPOCH);
  }

  @Override
  public AppSyncResult sync(Release release, SyncPolicy policy) {
    syncs.computeIfAbsent(release.app(), a -> new AtomicInteger()).incrementAndGet();
    entered.countDown();
    try {
      gate.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<ObjectRef, Map<String, Object>> live =
        apps.computeIfAbsent(
            release.namespace() + "/" + release.app(), k -> new ConcurrentHashMap<>());
    List<ApplyOutcome> applied = new ArrayList<>();
    for (Map<String, Object> object : release.objects()) {
      applied.add(apply(live, object));
    }
    PruneResult pruned = new PruneResult.Skipped("prune is off");
    if (policy.prune() && release.complete()) {
      Set<ObjectRef> wanted = new java.util.HashSet<>();
      release.objects().forEach(o -> wanted.add(ObjectRef.of(o)));
      List<ObjectRef> deleted = live.keySet().stream().filter(r -> !wanted.contains(r)).toList();
      deleted.forEach(live::remove);
      pruned = new PruneResult.Pruned(deleted, List.of());
    }
    return new AppSyncResult(
        List.of(), new SyncResult(release.revision(), applied, pruned), List.of());
  }

  private ApplyOutcome apply(Map<ObjectRef, Map<String, Object>> live, Map<String, Object> object) {
    ObjectRef ref = ObjectRef.of(object);
    if (!reachable || failing.contains(ref)) {
      return new ApplyOutcome.Failed(ref, "the API server refused it (a fake)", true);
    }
    Map<String, Object> before = live.put(ref, new LinkedHashMap<>(object));
    if (before == null) {
      return new ApplyOutcome.Created(ref);
    }
    return before.equals(object)
        ? new ApplyOutcome.Unchanged(ref)
        : new ApplyOutcome.Configured(ref, false);
  }

  @Override
  public PruneResult remove(String app, String namespace, boolean prune) {
    Map<ObjectRef, Map<String, Object>> live = apps.get(namespace + "/" + app);
    if (live == null) {
      return new PruneResult.Pruned(List.of(), List.of());
    }
    if (!prune) {
      return new PruneResult.Skipped("prune is off; the app's objects stay in the cluster");
    }
    List<ObjectRef> deleted = List.copyOf(live.keySet());
    apps.remove(namespace + "/" + app);
    return new PruneResult.Pruned(deleted, List.of());
  }

  /**
   * Someone changes a field of a live object by hand ({@code path} like {@code spec.replicas}),
   * outside Paved, as {@code kubectl edit} would.
   */
  @SuppressWarnings("unchecked")
  public void edit(ObjectRef ref, String path, Object value) {
    for (Map<ObjectRef, Map<String, Object>> objects : apps.values()) {
      Map<String, Object> object = objects.get(ref);
      if (object != null) {
        Map<String, Object> copy = deepCopy(object);
        String[] keys = path.split("\\.");
        Map<String, Object> at = copy;
        for (int i = 0; i < keys.length - 1; i++) {
          at = (Map<String, Object>) at.get(keys[i]);
        }
        at.put(keys[keys.length - 1], value);
        objects.put(ref, copy);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> object) {
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        io.fabric8.kubernetes.client.utils.Serialization.asJson(object), Map.class);
  }

  @Override
  public DriftReading drift(List<Map<String, Object>> desired, boolean fresh) {
    if (!reachable) {
      return new DriftReading.Unreadable("cluster " + name + " is unreachable (a fake)");
    }
    LiveView view =
        new LiveView() {
          @Override
          public Optional<GenericKubernetesResource> find(ObjectRef ref) {
            return apps.values().stream()
                .map(objects -> objects.get(ref))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(
                    o ->
                        io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                            io.fabric8.kubernetes.client.utils.Serialization.asJson(o),
                            GenericKubernetesResource.class));
          }

          @Override
          public boolean cached() {
            return true;
          }
        };
    return new DriftReading.Read(new DriftDetector(view).detect(desired));
  }

  @Override
  public AppHealth health(List<ObjectRef> refs) {
    if (!reachable) {
      return AppStatusReader.allUnknown(refs, "cluster " + name + " is unreachable (a fake)");
    }
    Map<ObjectRef, Health> health = new LinkedHashMap<>();
    for (ObjectRef ref : refs) {
      boolean there = apps.values().stream().anyMatch(objects -> objects.containsKey(ref));
      health.put(ref, there ? Health.healthy("there") : Health.missing("not in the cluster"));
    }
    return new AppHealth(health);
  }
}
