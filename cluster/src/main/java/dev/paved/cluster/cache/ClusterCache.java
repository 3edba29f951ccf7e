package dev.paved.cluster.cache;

import dev.paved.cluster.object.ObjectRef;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.render.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One cluster's shared informers: a watch per {@link WatchedKind} on the objects labelled {@code
 * app.kubernetes.io/managed-by: paved}, kept in memory and indexed by app. Answers {@link #find}
 * only while every informer has synced and is watching; otherwise it throws, so callers fail closed
 * instead of trusting a stale picture. Kinds the cluster does not serve are skipped and listed in
 * {@link #unserved()}; a lookup of an unwatched kind goes to the API server. Thread-safe; start it
 * once per cluster and share it.
 */
public final class ClusterCache implements LiveView, AutoCloseable {

  private static final String BY_APP = "paved-app";

  private final KubernetesClient client;
  private final Map<WatchedKind, SharedIndexInformer<GenericKubernetesResource>> informers =
      new LinkedHashMap<>();
  private final List<WatchedKind> unserved = new ArrayList<>();
  private final List<Consumer<ObjectRef>> listeners = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<Void>> starts = new ArrayList<>();
  private final ApiView api;

  private ClusterCache(KubernetesClient client) {
    this.client = client;
    this.api = new ApiView(client);
  }

  /**
   * Starts a watch per kind (without waiting for the initial lists; see {@link #awaitSynced}).
   *
   * @throws KubernetesClientException when the cluster cannot be reached for discovery
   */
  public static ClusterCache start(KubernetesClient client, List<WatchedKind> kinds) {
    ClusterCache cache = new ClusterCache(client);
    for (WatchedKind kind : kinds) {
      cache.watch(kind);
    }
    return cache;
  }

  private void watch(WatchedKind kind) {
    SharedIndexInformer<GenericKubernetesResource> informer;
    try {
      informer =
          client
              .genericKubernetesResources(kind.apiVersion(), kind.kind())
              .inAnyNamespace()
              .withLabel(Labels.MANAGED_BY, Labels.MANAGER)
              .runnableInformer(0);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || String.valueOf(e.getMessage()).contains("not find")) {
        unserved.add(kind);
        return;
      }
      throw e;
    }
    informer.addIndexers(Map.of(BY_APP, ClusterCache::appKey));
    informer.addEventHandler(new ChangeHandler(this::changed));
    informers.put(kind, informer);
    starts.add(informer.start().toCompletableFuture());
  }

  private static List<String> appKey(GenericKubernetesResource object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String app = labels == null ? null : labels.get(Labels.APP);
    return app == null ? List.of() : List.of(object.getMetadata().getNamespace() + "/" + app);
  }

  /** Calls {@code listener} with the object of every add, update and delete the watch sees. */
  public void onChange(Consumer<ObjectRef> listener) {
    listeners.add(listener);
  }

  private void changed(ObjectRef ref) {
    listeners.forEach(l -> l.accept(ref));
  }

  /** Whether every informer has its initial list and a live watch. */
  public boolean synced() {
    return informers.values().stream().allMatch(i -> i.hasSynced() && i.isWatching());
  }

  /**
   * Waits for every informer's first list; returns whether the cache is {@link #synced()} within
   * {@code timeout}.
   */
  public boolean awaitSynced(Duration timeout) {
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
    return synced();
  }

  public List<WatchedKind> unserved() {
    return List.copyOf(unserved);
  }

  @Override
  public Optional<GenericKubernetesResource> find(ObjectRef ref) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(WatchedKind.of(ref));
    if (informer == null) {
      return api.find(ref);
    }
    requireCurrent(WatchedKind.of(ref), informer);
    String key = ref.namespace().isEmpty() ? ref.name() : ref.namespace() + "/" + ref.name();
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  @Override
  public boolean cached() {
    return true;
  }

  /** The watched objects labelled with {@code app} in {@code namespace}. */
  public List<GenericKubernetesResource> objectsOf(String namespace, String app) {
    List<GenericKubernetesResource> objects = new ArrayList<>();
    informers.forEach(
        (kind, informer) -> {
          requireCurrent(kind, informer);
          objects.addAll(informer.getIndexer().byIndex(BY_APP, namespace + "/" + app));
        });
    return objects;
  }

  private static void requireCurrent(
      WatchedKind kind, SharedIndexInformer<GenericKubernetesResource> informer) {
    if (!informer.hasSynced()) {
      throw new EnvironmentException(
          "the watch on " + kind + " has not finished its first list",
          "wait for the cache to sync; nothing is judged from a partial picture",
          true,
          null);
    }
    if (!informer.isWatching()) {
      throw new EnvironmentException(
          "the watch on " + kind + " is down; the cluster may be unreachable",
          "Paved reconnects with backoff; until then this cluster's apps are Unknown",
          true,
          null);
    }
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
  }
}
