package dev.paved.server.platform;

import dev.paved.cluster.connection.Backoff;
import dev.paved.cluster.connection.ClusterConnection;
import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.cluster.doctor.DoctorWatch;
import dev.paved.core.platform.Platform;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.EnvironmentSyncer;
import dev.paved.gitops.sync.SyncLoop;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.server.db.Database;
import dev.paved.server.events.EventHub;
import dev.paved.server.sync.DatabaseSyncHistory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GitOps side of the server: the platform repository, change requests, and — with a cluster —
 * the sync loop that applies main to it, starting within moments of a merge.
 */
public final class Backend implements AutoCloseable {

  private static final Duration PERIOD = Duration.ofSeconds(60);

  private final GitRepository repo;
  private final RepoRenderer renderer;
  private final ChangeRequests changes;
  private final DatabaseSyncHistory history;
  private final dev.paved.server.sync.FindingsStore findingsStore;
  private volatile ClusterMode mode;
  private volatile Optional<ClusterConnections> clusters;
  private volatile Optional<EnvironmentSyncer> syncer;
  private volatile Optional<SyncLoop> loop;
  private final Map<String, Watched> doctors = new ConcurrentHashMap<>();

  /** A namespace's doctor and the client it watches with (a reconnect brings a new client). */
  private record Watched(DoctorWatch watch, io.fabric8.kubernetes.client.KubernetesClient client) {}

  private volatile EventHub events = new EventHub(() -> null);

  /** Publishes health changes of apps synced lately; there is one once a cluster is attached. */
  private volatile Optional<StatusPublisher> status = Optional.empty();

  private Backend(
      GitRepository repo,
      ChangeRequests changes,
      DatabaseSyncHistory history,
      ClusterMode mode,
      Optional<ClusterConnections> clusters,
      Optional<EnvironmentSyncer> syncer,
      Optional<SyncLoop> loop) {
    this.repo = repo;
    this.renderer = new RepoRenderer("file://" + repo.directory());
    this.changes = changes;
    this.history = history;
    this.findingsStore = new dev.paved.server.sync.FindingsStore(history.database());
    this.mode = mode;
    this.clusters = clusters;
    this.syncer = syncer;
    this.loop = loop;
  }

  /**
   * Opens (or creates and seeds) the repository and, with a cluster, starts syncing every
   * environment.
   */
  public static Backend start(Path repoDir, String repoUrl, ClusterMode mode, Database database) {
    GitRepository repo = GitRepository.openOrCreate(repoDir);
    RepositorySeed.ensure(repo, repoUrl);
    ChangeRequests changes = new ChangeRequests(repo, repoUrl);
    DatabaseSyncHistory history = new DatabaseSyncHistory(database);
    Backend backend =
        new Backend(
            repo, changes, history, mode, Optional.empty(), Optional.empty(), Optional.empty());
    if (mode instanceof ClusterMode.Kubeconfig kubeconfig) {
      backend.attach(kubeconfig);
    }
    return backend;
  }

  /** Starts syncing to a cluster that became available (the sandbox finished starting). */
  public synchronized void attach(ClusterMode.Kubeconfig kubeconfig) {
    if (syncer.isPresent()) {
      throw new IllegalStateException("a cluster is already attached");
    }
    ClusterConnections connections = new ClusterConnections(target -> connect(target, kubeconfig));
    EnvironmentSyncer environmentSyncer = new EnvironmentSyncer(repo, connections, history);
    SyncLoop syncLoop =
        new SyncLoop(
            repo,
            environmentSyncer,
            PERIOD,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    changes.onMerge(syncLoop::merged);
    syncLoop.onSync(runs -> runs.forEach(this::published));
    this.clusters = Optional.of(connections);
    this.syncer = Optional.of(environmentSyncer);
    this.loop = Optional.of(syncLoop);
    this.status =
        Optional.of(new StatusPublisher(environmentSyncer, () -> this.events, Clock.systemUTC()));
    this.mode = kubeconfig;
    environments().forEach(syncLoop::start);
  }

  /** Where live updates go (the server's event stream). */
  public void events(EventHub hub) {
    this.events = hub;
  }

  private void published(SyncRun run) {
    boolean moved =
        run.trigger() != dev.paved.gitops.sync.Trigger.PERIODIC
            || run.objects().stream().anyMatch(o -> o.outcome() != SyncRun.Outcome.UNCHANGED);
    if (moved) {
      status.ifPresent(
          s -> s.synced(run.deployment())); // a periodic resync that changed nothing moves nothing
    }
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("team", run.deployment().app().team());
    data.put("app", run.deployment().app().app());
    data.put("env", run.deployment().env());
    data.put("revision", run.revision());
    data.put("status", run.status().name());
    data.put("message", run.message());
    data.put("tookMillis", run.took().toMillis());
    events.publish("sync", Optional.of(run.deployment().app().team()), data);
  }

  private void publishFindings(Deployment deployment, DoctorWatch.Update update) {
    if (update.app().isEmpty()) {
      return;
    }
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("team", deployment.app().team());
    data.put("app", update.app());
    data.put("env", deployment.env());
    try {
      data.put(
          "diagnosis",
          dev.paved.server.http.JsonMapping.MAPPER.readTree(update.diagnosis().toJson()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the doctor writes JSON", e);
    }
    events.publish("findings", Optional.of(deployment.app().team()), data);
    try {
      findingsStore.put(
          new Deployment(
              deployment.env(),
              new dev.paved.gitops.repo.RepoLayout.AppKey(deployment.app().team(), update.app())),
          update.diagnosis());
    } catch (dev.paved.core.error.EnvironmentException e) {
      System.getLogger(Backend.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "findings of " + update.app() + " not stored: " + e.getMessage());
    }
  }

  /** Says why apps are not synced yet (the sandbox is still starting, it failed, …). */
  public void waiting(String reason) {
    if (syncer.isEmpty()) {
      this.mode = new ClusterMode.None(reason);
    }
  }

  private static ClusterConnection connect(String target, ClusterMode.Kubeconfig kubeconfig) {
    return ClusterConnection.of(
        target,
        () -> {
          try {
            Config config =
                Config.fromKubeconfig(
                    kubeconfig.context().orElse(null),
                    Files.readString(kubeconfig.file()),
                    kubeconfig.file().toString());
            return new KubernetesClientBuilder().withConfig(config).build();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  public java.util.Set<String> environments() {
    java.util.Set<String> envs =
        new java.util.TreeSet<>(RepoRenderer.environmentsOf(main()).rules().keySet());
    RepoRenderer.deploymentsIn(main()).forEach(d -> envs.add(d.env()));
    return envs;
  }

  /** Main as last read: a commit's files never change, so one read serves every request. */
  private record MainFiles(org.eclipse.jgit.lib.ObjectId commit, RepoFiles files) {}

  /** The platform of a main commit, once it was built (it may fail to build: then not kept). */
  private record MainPlatform(
      org.eclipse.jgit.lib.ObjectId commit, dev.paved.core.platform.Platform platform) {}

  private volatile Optional<MainFiles> lastMain = Optional.empty();
  private volatile Optional<MainPlatform> lastPlatform = Optional.empty();

  /** The files on main now (read once per commit). */
  public RepoFiles main() {
    return current().map(MainFiles::files).orElse(RepoFiles.empty());
  }

  /** The platform (paths, targets, teams, policies) of main now (built once per commit). */
  public dev.paved.core.platform.Platform platform() {
    Optional<MainFiles> main = current();
    Optional<MainPlatform> last = lastPlatform;
    if (main.isPresent() && last.isPresent() && last.get().commit().equals(main.get().commit())) {
      return last.get().platform();
    }
    RepoFiles files = main.map(MainFiles::files).orElse(RepoFiles.empty());
    dev.paved.core.platform.Platform platform =
        renderer.platforms().of(RepoRenderer.intentPart(files));
    main.ifPresent(m -> lastPlatform = Optional.of(new MainPlatform(m.commit(), platform)));
    return platform;
  }

  private Optional<MainFiles> current() {
    Optional<org.eclipse.jgit.lib.ObjectId> head = repo.resolve(GitRepository.MAIN);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Optional<MainFiles> last = lastMain;
    if (last.isPresent() && last.get().commit().equals(head.get())) {
      return last;
    }
    Optional<MainFiles> fresh = Optional.of(new MainFiles(head.get(), repo.read(head.get())));
    lastMain = fresh;
    return fresh;
  }

  public GitRepository repo() {
    return repo;
  }

  public ChangeRequests changes() {
    return changes;
  }

  public DatabaseSyncHistory history() {
    return history;
  }

  public ClusterMode mode() {
    return mode;
  }

  public Optional<EnvironmentSyncer> syncer() {
    return syncer;
  }

  /** The cluster client and namespace of one deployment, when a cluster is attached. */
  public Optional<Placement> placement(Deployment deployment) {
    if (clusters.isEmpty()) {
      return Optional.empty();
    }
    Platform platform = platform();
    String target = platform.targetFor(deployment.env()).name();
    return Optional.of(
        new Placement(
            clusters.get().of(target).client(),
            platform.team(deployment.app().team()).namespaceFor(deployment.env())));
  }

  /** The connection to a target's cluster, when a cluster is attached. */
  public Optional<ClusterConnection> connection(String target) {
    return clusters.map(c -> c.of(target));
  }

  /** Where a deployment runs. */
  public record Placement(io.fabric8.kubernetes.client.KubernetesClient client, String namespace) {}

  /**
   * The doctor's current findings for one app in one environment. The first call for a namespace
   * starts watching it (events drive it from then on) and waits for its first diagnosis.
   */
  public Diagnosis findings(Deployment deployment) throws InterruptedException {
    if (clusters.isEmpty()) {
      return findingsStore.get(deployment).orElse(new Diagnosis(List.of(), Instant.now()));
    }
    Platform platform = platform();
    String target = platform.targetFor(deployment.env()).name();
    String namespace = platform.team(deployment.app().team()).namespaceFor(deployment.env());
    ClusterConnection connection = clusters.get().of(target);
    io.fabric8.kubernetes.client.KubernetesClient client = connection.client();
    Watched watched =
        doctors.compute(
            target + "/" + namespace,
            (key, before) -> {
              if (before != null && before.client() == client) {
                return before;
              }
              if (before != null) {
                before
                    .watch()
                    .close(); // its client died with the connection: watch with the new one
              }
              return new Watched(
                  DoctorWatch.start(
                      client,
                      namespace,
                      Clock.systemUTC(),
                      update -> publishFindings(deployment, update)),
                  client);
            });
    DoctorWatch watch = watched.watch();
    watch.awaitFirstPass(Duration.ofSeconds(10));
    return watch.current(deployment.app().app());
  }

  /**
   * Stops the sync loop (waiting for running syncs), then closes connections and the repository.
   */
  @Override
  public void close() {
    status.ifPresent(StatusPublisher::close);
    loop.ifPresent(SyncLoop::close);
    doctors.values().forEach(w -> w.watch().close());
    clusters.ifPresent(ClusterConnections::close);
    repo.close();
  }
}
