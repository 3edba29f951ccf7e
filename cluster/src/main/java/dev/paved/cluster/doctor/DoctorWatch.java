package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.core.render.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
  private static final long PERIOD_SECONDS = 10;

  private final String namespace;
  private final Clock clock;
  private final Consumer<Update> listener;
  private final KubernetesClient client;
  private final LogFetcher logs;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final Map<SnapshotCollector.Kind, SharedIndexInformer<GenericKubernetesResource>> byKind =
      new LinkedHashMap<>();
  private final Map<String, Diagnosis> current = new ConcurrentHashMap<>();
  private final CountDownLatch firstPass = new CountDownLatch(1);
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("doctor-watch").factory());

  /** A pass is scheduled and has not started yet (guarded by this). */
  private boolean queued;

  /** Set once every informer is there: a pass before that would see only some kinds. */
  private volatile boolean ready;

  private DoctorWatch(
      KubernetesClient client, String namespace, Clock clock, Consumer<Update> listener) {
    this.namespace = namespace;
    this.clock = clock;
    this.listener = listener;
    this.client = client;
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

  /**
   * Schedules a pass after the quiet period, unless one is scheduled and not started yet: a change
   * seen while a pass runs gets a pass of its own after it (the executor runs one at a time).
   */
  private synchronized void changed() {
    if (!ready || queued) {
      return;
    }
    queued = true;
    executor.schedule(this::queuedPass, QUIET_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void queuedPass() {
    synchronized (this) {
      queued = false;
    }
    diagnoseQuietly();
  }

  /** Waits until the first diagnosis is done (right after {@link #start}); false on timeout. */
  public boolean awaitFirstPass(Duration timeout) throws InterruptedException {
    return firstPass.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void diagnoseQuietly() {
    if (!ready) {
      return;
    }
    try {
      diagnose();
    } catch (RuntimeException e) {
      // the next change or periodic pass diagnoses again; a bad moment must not stop the watch
      System.getLogger(DoctorWatch.class.getName())
          .log(System.Logger.Level.WARNING, "doctor pass failed in " + namespace + ": " + e, e);
    }
  }

  /**
   * Diagnoses from the objects at once, with the logs known from the last pass, and tells the
   * listener; then reads the logs of the unwell containers (in parallel, each bounded) and, when
   * they differ, diagnoses again. Findings from objects and events never wait for a log.
   */
  private void diagnose() {
    List<JsonNode> objects = new ArrayList<>();
    byKind.forEach(
        (kind, informer) ->
            informer.getStore().list().forEach(o -> objects.add(SnapshotCollector.json(o, kind))));
    Optional<List<JsonNode>> secrets = SecretKeys.list(client, namespace, new ArrayList<>());
    Map<String, String> known = logs.known(objects);
    publish(objects, secrets, known);
    firstPass.countDown();
    Map<String, String> fresh = logs.logs(objects, new ArrayList<>());
    if (!fresh.equals(known)) {
      publish(objects, secrets, fresh);
    }
  }

  private void publish(
      List<JsonNode> objects, Optional<List<JsonNode>> secrets, Map<String, String> logTails) {
    Instant now = clock.instant();
    Snapshot snapshot = Snapshot.capturedAt(objects, logTails, now, Optional.empty());
    if (secrets.isPresent()) {
      snapshot = snapshot.withListed(Set.of("Secret"), secrets.get());
    }
    Diagnosis diagnosis = Doctor.diagnose(snapshot);
    Map<String, List<Finding>> byApp = new LinkedHashMap<>();
    objects.stream()
        .map(o -> Json.optional(o, "metadata", "labels", Labels.APP))
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
    logs.close();
  }
}
