package dev.paved.server.platform;

import dev.paved.cluster.connection.Backoff;
import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.connection.ResolvedDirectory;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.sync.EnvironmentSyncer;
import dev.paved.gitops.sync.Ownership;
import dev.paved.gitops.sync.Shards;
import dev.paved.gitops.sync.SyncLoop;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.server.ha.HaSettings;
import dev.paved.server.ha.ShardLeases;
import dev.paved.server.sync.DatabaseSyncHistory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Everything the server has once its cluster is there, made once and never changed: the connections
 * of the targets' clusters, the syncer and its loop, the status publisher, and — for one of several
 * replicas — its shard leases.
 *
 * @param mode the server's own cluster
 * @param leaseClient the client the leases use (the server's own cluster), when replicated
 */
record ClusterRuntime(
    ClusterMode.Connected mode,
    ClusterConnections connections,
    EnvironmentSyncer syncer,
    SyncLoop loop,
    StatusPublisher status,
    Optional<ShardLeases> leases,
    Optional<KubernetesClient> leaseClient)
    implements AutoCloseable {

  private static final Duration PERIOD = Duration.ofSeconds(60);

  /** What the runtime needs of the rest of the server. */
  record Parts(
      GitRepository repo,
      ChangeRequests changes,
      DatabaseSyncHistory history,
      MainSnapshot main,
      Optional<HaSettings> ha,
      int parallelism,
      Consumer<SyncRun> published,
      java.util.function.Supplier<dev.paved.server.events.EventHub> events) {}

  /** Connects, and starts syncing every environment of main (and competing for shards). */
  static ClusterRuntime start(ClusterMode.Connected mode, Parts parts) {
    ClusterConnections connections =
        ClusterConnections.resolved(
            new ResolvedDirectory(
                parts.main()::clustersOfTargets,
                mode.resolver(),
                Duration.ofSeconds(30),
                InstantSource.system()));
    AtomicReference<Optional<ShardLeases>> leases = new AtomicReference<>(Optional.empty());
    Ownership ownership =
        parts
            .ha()
            .<Ownership>map(
                h ->
                    Ownership.sharded(
                        new Shards(h.split()),
                        shard -> leases.get().map(l -> l.owns(shard)).orElse(false)))
            .orElse(Ownership.everything());
    EnvironmentSyncer syncer =
        new EnvironmentSyncer(
            parts.repo(), connections, parts.history(), ownership, parts.parallelism());
    SyncLoop loop =
        new SyncLoop(
            parts.repo(),
            syncer,
            PERIOD,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    parts.changes().onMerge(loop::merged);
    loop.onSync(runs -> runs.forEach(parts.published()));
    StatusPublisher status = new StatusPublisher(syncer, parts.events(), Clock.systemUTC());
    parts.main().environments().forEach(loop::start);
    loop.onSync(runs -> parts.main().environments().forEach(loop::start)); // envs added on main
    Optional<KubernetesClient> leaseClient =
        parts.ha().map(h -> new KubernetesClientBuilder().withConfig(mode.config()).build());
    parts
        .ha()
        .ifPresent(
            h -> leases.set(Optional.of(shareWork(h, leaseClient.orElseThrow(), loop, parts))));
    return new ClusterRuntime(mode, connections, syncer, loop, status, leases.get(), leaseClient);
  }

  /**
   * One of several replicas: competes for the leases of every shard of the targets that
   * environments sync to, syncs the shards it gains at once, follows merges made by the others
   * through the shared repository, and competes for the shards of targets added later.
   */
  private static ShardLeases shareWork(
      HaSettings settings, KubernetesClient client, SyncLoop loop, Parts parts) {
    Shards shards = new Shards(settings.split());
    System.Logger log = System.getLogger(ClusterRuntime.class.getName());
    ShardLeases started =
        ShardLeases.start(
            client,
            settings.namespace(),
            settings.identity(),
            shards.all(parts.main().syncedTargets()),
            settings.timing(),
            shard -> {
              log.log(System.Logger.Level.INFO, "leading shard " + shard);
              loop.wake();
            },
            shard -> log.log(System.Logger.Level.WARNING, "no longer leading shard " + shard));
    loop.followMain(Duration.ofSeconds(1));
    loop.onSync(runs -> started.compete(shards.all(parts.main().syncedTargets())));
    return started;
  }

  /** Stops the loop (waiting for running syncs), releases the leases, closes the connections. */
  @Override
  public void close() {
    status.close();
    loop.close();
    // released only once no sync runs here: the next owner never overlaps this one
    leases.ifPresent(ShardLeases::close);
    leaseClient.ifPresent(KubernetesClient::close);
    connections.close();
  }
}
