package dev.paved.server.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.connection.TargetCluster;
import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.cluster.doctor.DoctorWatch;
import dev.paved.cluster.doctor.Finding;
import dev.paved.cluster.doctor.Severity;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.platform.Platform;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.server.events.EventHub;
import dev.paved.server.json.JsonMapping;
import dev.paved.server.sync.FindingsStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The doctor's watches of the server: one per namespace of a target's cluster, started the first
 * time an app there is asked about; every diagnosis goes to the event stream and the store, so the
 * last findings outlive a restart and a server without a cluster.
 */
final class AppDoctors implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(AppDoctors.class.getName());

  private final Supplier<Platform> platform;
  private final Supplier<Optional<ClusterConnections>> connections;
  private final FindingsStore store;
  private final Supplier<EventHub> events;
  private final DoctorWatches watches = new DoctorWatches();

  AppDoctors(
      Supplier<Platform> platform,
      Supplier<Optional<ClusterConnections>> connections,
      FindingsStore store,
      Supplier<EventHub> events) {
    this.platform = platform;
    this.connections = connections;
    this.store = store;
    this.events = events;
  }

  /** Where a deployment's doctor watches: its target's client and the key of its namespace. */
  private record Placing(String key, KubernetesClient client, String namespace) {}

  /**
   * The current findings of one app; the first call for a namespace starts its watch and waits for
   * its first pass. Without a cluster, the last stored findings.
   */
  Diagnosis findings(Deployment deployment) throws InterruptedException {
    Optional<ClusterConnections> attached = connections.get();
    if (attached.isEmpty()) {
      return store.get(deployment).orElse(new Diagnosis(List.of(), Instant.now()));
    }
    Placing placing = placing(deployment, attached.get());
    DoctorWatch watch;
    try {
      watch =
          watches
              .of(placing.key(), placing.client(), () -> start(deployment, placing))
              .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new EnvironmentException(
          "the doctor cannot watch the cluster of " + deployment + ": " + e.getMessage(),
          "check the cluster (paved status)",
          true,
          e);
    }
    watch.awaitFirstPass(Duration.ofSeconds(10));
    return watch.current(deployment.app().app());
  }

  /**
   * The most severe error about one app, without waiting: empty while its namespace's watch starts
   * (the call starts it), and for a target with no cluster or a misconfigured one.
   */
  Optional<Finding> error(Deployment deployment) {
    Optional<ClusterConnections> attached = connections.get();
    if (attached.isEmpty()
        || !(attached.get().find(targetOf(deployment)) instanceof TargetCluster.Connected)) {
      return Optional.empty();
    }
    Placing placing = placing(deployment, attached.get());
    return watches
        .ready(placing.key(), placing.client(), () -> start(deployment, placing))
        .flatMap(
            w ->
                w.current(deployment.app().app()).findings().stream()
                    .filter(f -> f.severity() == Severity.ERROR)
                    .findFirst());
  }

  private String targetOf(Deployment deployment) {
    return platform.get().targetFor(deployment.env()).name();
  }

  private Placing placing(Deployment deployment, ClusterConnections attached) {
    String target = targetOf(deployment);
    String namespace = platform.get().team(deployment.app().team()).namespaceFor(deployment.env());
    return new Placing(target + "/" + namespace, attached.of(target).client(), namespace);
  }

  private DoctorWatch start(Deployment deployment, Placing placing) {
    return DoctorWatch.start(
        placing.client(),
        placing.namespace(),
        Clock.systemUTC(),
        update -> publish(deployment, update));
  }

  private void publish(Deployment deployment, DoctorWatch.Update update) {
    if (update.app().isEmpty()) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("team", deployment.app().team());
    data.put("app", update.app());
    data.put("env", deployment.env());
    try {
      data.put("diagnosis", JsonMapping.MAPPER.readTree(update.diagnosis().toJson()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the doctor writes JSON", e);
    }
    events.get().publish("findings", Optional.of(deployment.app().team()), data);
    try {
      store.put(
          new Deployment(deployment.env(), new AppKey(deployment.app().team(), update.app())),
          update.diagnosis());
    } catch (EnvironmentException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "findings of " + update.app() + " not stored: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    watches.close();
  }
}
