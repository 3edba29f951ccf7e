package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Live diagnosis of one namespace, driven by the cluster's own change events: informers watch the
 * kinds the doctor reads, and any change (a pod's new state, a new event) diagnoses again after a
 * short quiet period. A periodic pass catches what only time changes (a start-up budget running
 * out). Keeps the current findings per app and tells the listener when an app's findings change.
 */
public final class DoctorWatch implements AutoCloseable {

  /** The findings of {@code app} changed. Unlabelled objects belong to the app "". */
  public record Update(String namespace, String app, Diagnosis diagnosis) {}

  private static final long QUIET_MILLIS = 200;
  private static final long PERIOD_SECONDS = 30;

  private final String namespace;
  private final Clock clock;
  private final Consumer<Update> listener;
  private final LogFetcher logs;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final Map<SnapshotCollector.Kind, SharedIndexInformer<GenericKubernetesResource>> byKind =
      new LinkedHashMap<>();
  private final Map<String, Diagnosis> current = new ConcurrentHashMap<>();
  private final java.util.concurrent.CountDownLatch firstPass =
      new java.util.concurrent.CountDownLatch(1);
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("doctor-watch").factory());
  private ScheduledFuture<?> pending;

  /** Set once every informer is there: a pass before that would see only some kinds. */
  private volatile boolean ready;

  private DoctorWatch(
      KubernetesClient client, String namespace, Clock clock, Consumer<Update> listener) {
    this.namespace = namespace;
    this.clock = clock;
    this.listener = listener;
    this.logs = new LogFetcher(client);
  }

  /** Starts watching {@code namespace}; the first diagnosis follows the informers' first list. */
  public static DoctorWatch start(
      KubernetesClient client, String namespace, Clock clock, Consumer<Update> listener) {
    DoctorWatch watch = new DoctorWatch(client, namespace, clock, listener);
    ResourceEventHandler<GenericKubernetesResource> handler =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource object) {
            watch.changed();
          }

          @Override
          public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            watch.changed();
          }

          @Override
          public void onDelete(GenericKubernetesResource object, boolean unknownFinalState) {
            watch.changed();
          }
        };
    for (SnapshotCollector.Kind kind : SnapshotCollector.KINDS) {
      var resources = client.genericKubernetesResources(kind.apiVersion(), kind.kind());
      SharedIndexInformer<GenericKubernetesResource> informer =
          kind.namespaced()
              ? resources.inNamespace(namespace).inform(handler, 0)
              : resources.inform(handler, 0);
      watch.informers.add(informer);
      watch.byKind.put(kind, informer);
    }
    watch.executor.scheduleWithFixedDelay(
        watch::diagnoseQuietly, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    watch.ready = true;
    watch.changed();
    return watch;
  }

  /** The current findings of {@code app}; empty findings when nothing is wrong or not yet known. */
  public Diagnosis current(String app) {
    return current.getOrDefault(app, new Diagnosis(List.of(), clock.instant()));
  }

  public Map<String, Diagnosis> all() {
    return Map.copyOf(current);
  }

  private synchronized void changed() {
    if (!ready) {
      return;
    }
    if (pending != null && !pending.isDone()) {
      return;
    }
    pending = executor.schedule(this::diagnoseQuietly, QUIET_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Waits until the first diagnosis is done (right after {@link #start}); false on timeout. */
  public boolean awaitFirstPass(java.time.Duration timeout) throws InterruptedException {
    return firstPass.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void diagnoseQuietly() {
    if (!ready) {
      return;
    }
    try {
      diagnose();
      firstPass.countDown();
    } catch (RuntimeException e) {
      // the next change or periodic pass diagnoses again; a bad moment must not stop the watch
      System.getLogger(DoctorWatch.class.getName())
          .log(System.Logger.Level.WARNING, "doctor pass failed in " + namespace + ": " + e, e);
    }
  }

  private void diagnose() {
    List<JsonNode> objects = new ArrayList<>();
    byKind.forEach(
        (kind, informer) ->
            informer.getStore().list().forEach(o -> objects.add(SnapshotCollector.json(o, kind))));
    List<String> warnings = new ArrayList<>();
    Instant now = clock.instant();
    Snapshot snapshot =
        Snapshot.capturedAt(objects, logs.logs(objects, warnings), now, Optional.empty());
    Diagnosis diagnosis = Doctor.diagnose(snapshot);
    Map<String, List<Finding>> byApp = new LinkedHashMap<>();
    objects.stream()
        .map(o -> Json.optional(o, "metadata", "labels", dev.paved.core.render.Labels.APP))
        .flatMap(Optional::stream)
        .forEach(app -> byApp.putIfAbsent(app, new ArrayList<>()));
    current.keySet().forEach(app -> byApp.putIfAbsent(app, new ArrayList<>()));
    diagnosis
        .findings()
        .forEach(f -> byApp.computeIfAbsent(f.app().orElse(""), k -> new ArrayList<>()).add(f));
    byApp.forEach(
        (app, findings) -> {
          Diagnosis next = new Diagnosis(findings, now);
          Diagnosis before = current.put(app, next);
          if (before == null || !before.findings().equals(findings)) {
            listener.accept(new Update(namespace, app, next));
          }
        });
  }

  @Override
  public void close() {
    executor.shutdownNow();
    informers.forEach(SharedIndexInformer::close);
  }
}
