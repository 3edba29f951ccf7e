package dev.paved.server.platform;

import dev.paved.cluster.connection.Backoff;
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
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final DoctorWatches doctors = new DoctorWatches();
  private final List<java.util.function.Consumer<SyncRun>> syncListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

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
    return start(
        repoDir, repoUrl, mode, database, Optional.empty(), EnvironmentSyncer.DEFAULT_PARALLELISM);
  }

  /**
   * As {@link #start(Path, String, ClusterMode, Database)}, and with {@code ha} one of several
   * replicas: it syncs only the shards whose leases it holds; {@code parallelism} apps at once.
   */
  public static Backend start(
      Path repoDir,
      String repoUrl,
      ClusterMode mode,
      Database database,
      Optional<dev.paved.server.ha.HaSettings> ha,
      int parallelism) {
    GitRepository repo = openSeeded(repoDir, repoUrl);
    ChangeRequests changes = new ChangeRequests(repo, repoUrl);
    DatabaseSyncHistory history = new DatabaseSyncHistory(database);
    Backend backend =
        new Backend(
            repo, changes, history, mode, Optional.empty(), Optional.empty(), Optional.empty());
    backend.ha = ha;
    backend.parallelism = parallelism;
    if (mode instanceof ClusterMode.Connected connected) {
      backend.attach(connected);
    }
    return backend;
  }

  private Optional<dev.paved.server.ha.HaSettings> ha = Optional.empty();
  private int parallelism = EnvironmentSyncer.DEFAULT_PARALLELISM;

  /**
   * Opens the repository, creating and seeding it on the first start. Replicas sharing one volume
   * start together, so the first start holds a lock file next to the repository while it creates
   * it: the others wait, then open what it made.
   */
  private static GitRepository openSeeded(Path repoDir, String repoUrl) {
    Path lock = repoDir.toAbsolutePath().resolveSibling(repoDir.getFileName() + ".init.lock");
    try {
      Files.createDirectories(lock.getParent());
      try (java.nio.channels.FileChannel channel =
              java.nio.channels.FileChannel.open(
                  lock,
                  java.nio.file.StandardOpenOption.CREATE,
                  java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock held = channel.lock()) {
        GitRepository repo = GitRepository.openOrCreate(repoDir);
        RepositorySeed.ensure(repo, repoUrl);
        return repo;
      }
    } catch (IOException e) {
      throw new dev.paved.core.error.EnvironmentException(
          "cannot lock " + lock + " to open the repository: " + e.getMessage(),
          "check that the repository's volume is writable by the server",
          true,
          e);
    }
  }

  /** The shard leases of this replica, when it is one of several. */
  private volatile Optional<dev.paved.server.ha.ShardLeases> leases = Optional.empty();

  /** Starts syncing to a cluster that became available (the sandbox finished starting). */
  public synchronized void attach(ClusterMode.Connected cluster) {
    if (syncer.isPresent()) {
      throw new IllegalStateException("a cluster is already attached");
    }
    ClusterConnections connections =
        ClusterConnections.resolved(
            new dev.paved.cluster.connection.ResolvedDirectory(
                this::clustersOfTargets,
                cluster.resolver(),
                Duration.ofSeconds(30),
                java.time.InstantSource.system()));
    dev.paved.gitops.sync.Ownership ownership =
        ha.<dev.paved.gitops.sync.Ownership>map(
                h ->
                    dev.paved.gitops.sync.Ownership.sharded(
                        new dev.paved.gitops.sync.Shards(h.split()),
                        shard -> leases.map(l -> l.owns(shard)).orElse(false)))
            .orElse(dev.paved.gitops.sync.Ownership.everything());
    EnvironmentSyncer environmentSyncer =
        new EnvironmentSyncer(repo, connections, history, ownership, parallelism);
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
    this.mode = cluster;
    environments().forEach(syncLoop::start);
    syncLoop.onSync(runs -> environments().forEach(syncLoop::start)); // environments added on main
    ha.ifPresent(h -> shareWork(h, cluster, syncLoop));
  }

  /**
   * One of several replicas: competes for the leases of every shard of the targets that
   * environments sync to, syncs the shards it gains at once, follows merges made by the others
   * through the shared repository, and competes for the shards of targets added later.
   */
  private void shareWork(
      dev.paved.server.ha.HaSettings settings, ClusterMode.Connected cluster, SyncLoop syncLoop) {
    dev.paved.gitops.sync.Shards shards = new dev.paved.gitops.sync.Shards(settings.split());
    io.fabric8.kubernetes.client.KubernetesClient client =
        new KubernetesClientBuilder().withConfig(cluster.config()).build();
    System.Logger log = System.getLogger(Backend.class.getName());
    dev.paved.server.ha.ShardLeases started =
        dev.paved.server.ha.ShardLeases.start(
            client,
            settings.namespace(),
            settings.identity(),
            shards.all(syncedTargets()),
            settings.timing(),
            shard -> {
              log.log(System.Logger.Level.INFO, "leading shard " + shard);
              syncLoop.wake();
            },
            shard -> log.log(System.Logger.Level.WARNING, "no longer leading shard " + shard));
    this.leases = Optional.of(started);
    this.leaseClient = Optional.of(client);
    syncLoop.followMain(Duration.ofSeconds(1));
    syncLoop.onSync(runs -> started.compete(shards.all(syncedTargets())));
  }

  private volatile Optional<io.fabric8.kubernetes.client.KubernetesClient> leaseClient =
      Optional.empty();

  /** The targets that some environment syncs to. */
  private List<String> syncedTargets() {
    Platform platform = platform();
    return environments().stream()
        .map(env -> platform.targetFor(env).name())
        .distinct()
        .sorted()
        .toList();
  }

  /** This replica's shard leases, when it is one of several. */
  public Optional<dev.paved.server.ha.ShardLeases> leases() {
    return leases;
  }

  /**
   * Why nobody syncs this deployment now, when this replica is one of several and the deployment's
   * shard has no live owner.
   */
  public Optional<String> withoutOwner(Deployment deployment) {
    if (leases.isEmpty() || syncer.isEmpty()) {
      return Optional.empty();
    }
    String target = platform().targetFor(deployment.env()).name();
    String shard = syncer.get().ownership().shardOf(target, deployment);
    return leases.get().owners().withoutOwner(shard, Instant.now());
  }

  /** Where live updates go (the server's event stream). */
  public void events(EventHub hub) {
    this.events = hub;
  }

  /** Calls {@code listener} with every sync run recorded from now on (e.g. to tell the user). */
  public void onSyncRun(java.util.function.Consumer<SyncRun> listener) {
    syncListeners.add(listener);
  }

  private void published(SyncRun run) {
    syncListeners.forEach(l -> l.accept(run));
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

  /**
   * Makes main name one sandbox per target ({@code paved up --clusters N}) when it does not yet.
   *
   * @return the commit that did, or empty when main already did
   */
  public Optional<org.eclipse.jgit.lib.ObjectId> ensureSandboxTargets(
      List<dev.paved.gitops.change.SandboxTargets.Planned> plan) {
    return RepositorySeed.ensureTargets(repo, "file://" + repo.directory(), plan);
  }

  /** The cluster each target that an environment syncs to names, by target. */
  private Map<String, dev.paved.core.target.ClusterRef> clustersOfTargets() {
    Platform platform = platform();
    Map<String, dev.paved.core.target.ClusterRef> named = new java.util.TreeMap<>();
    for (String target : syncedTargets()) {
      Optional.ofNullable(platform.targets().get(target))
          .ifPresent(t -> named.put(target, t.cluster()));
    }
    return named;
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
    synchronized (platformBuild) { // many requests after a merge: one builds, the others wait
      Optional<MainPlatform> built = lastPlatform;
      if (main.isPresent()
          && built.isPresent()
          && built.get().commit().equals(main.get().commit())) {
        return built.get().platform();
      }
      RepoFiles files = main.map(MainFiles::files).orElse(RepoFiles.empty());
      dev.paved.core.platform.Platform platform =
          renderer.platforms().of(RepoRenderer.intentPart(files));
      main.ifPresent(m -> lastPlatform = Optional.of(new MainPlatform(m.commit(), platform)));
      return platform;
    }
  }

  private final Object platformBuild = new Object();
  private final Object mainRead = new Object();

  private Optional<MainFiles> current() {
    Optional<org.eclipse.jgit.lib.ObjectId> head = repo.resolve(GitRepository.MAIN);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Optional<MainFiles> last = lastMain;
    if (last.isPresent() && last.get().commit().equals(head.get())) {
      return last;
    }
    synchronized (mainRead) { // one read of a new commit, however many requests ask at once
      Optional<MainFiles> read = lastMain;
      if (read.isPresent() && read.get().commit().equals(head.get())) {
        return read;
      }
      Optional<MainFiles> fresh = Optional.of(new MainFiles(head.get(), repo.read(head.get())));
      lastMain = fresh;
      return fresh;
    }
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
            clusters.get().of(target).logs(),
            platform.team(deployment.app().team()).namespaceFor(deployment.env())));
  }

  /** A target's cluster (its connection, or why it has none), when a cluster is attached. */
  public Optional<dev.paved.cluster.connection.TargetCluster> cluster(String target) {
    return clusters.map(c -> c.find(target));
  }

  /** Where a deployment runs. */
  public record Placement(
      io.fabric8.kubernetes.client.KubernetesClient client,
      dev.paved.cluster.logs.LogReader logs,
      String namespace) {}

  /**
   * The doctor's current findings for one app in one environment. The first call for a namespace
   * starts watching it (events drive it from then on) and waits for its first diagnosis.
   */
  public Diagnosis findings(Deployment deployment) throws InterruptedException {
    if (clusters.isEmpty()) {
      return findingsStore.get(deployment).orElse(new Diagnosis(List.of(), Instant.now()));
    }
    DoctorWatch watch;
    try {
      watch = doctorOf(deployment).get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new dev.paved.core.error.EnvironmentException(
          "the doctor cannot watch the cluster of " + deployment + ": " + e.getMessage(),
          "check the cluster (paved status)",
          true,
          e);
    }
    watch.awaitFirstPass(Duration.ofSeconds(10));
    return watch.current(deployment.app().app());
  }

  /**
   * The doctor's most severe error about one app in one environment, without waiting: empty while
   * its namespace's watch is starting (the call starts it) or when there is none.
   */
  public Optional<dev.paved.cluster.doctor.Finding> doctorError(Deployment deployment) {
    if (clusters.isEmpty()) {
      return Optional.empty();
    }
    Placing placing = placing(deployment);
    return doctors
        .ready(placing.key(), placing.client(), () -> startDoctor(deployment, placing))
        .flatMap(
            w ->
                w.current(deployment.app().app()).findings().stream()
                    .filter(f -> f.severity() == dev.paved.cluster.doctor.Severity.ERROR)
                    .findFirst());
  }

  /** Where a deployment's doctor watches: its target's client and the key of its namespace. */
  private record Placing(
      String key, io.fabric8.kubernetes.client.KubernetesClient client, String namespace) {}

  private Placing placing(Deployment deployment) {
    Platform platform = platform();
    String target = platform.targetFor(deployment.env()).name();
    String namespace = platform.team(deployment.app().team()).namespaceFor(deployment.env());
    return new Placing(
        target + "/" + namespace, clusters.orElseThrow().of(target).client(), namespace);
  }

  private java.util.concurrent.CompletableFuture<DoctorWatch> doctorOf(Deployment deployment) {
    Placing placing = placing(deployment);
    return doctors.of(placing.key(), placing.client(), () -> startDoctor(deployment, placing));
  }

  private DoctorWatch startDoctor(Deployment deployment, Placing placing) {
    return DoctorWatch.start(
        placing.client(),
        placing.namespace(),
        Clock.systemUTC(),
        update -> publishFindings(deployment, update));
  }

  /**
   * Stops the sync loop (waiting for running syncs), then closes connections and the repository.
   */
  @Override
  public void close() {
    status.ifPresent(StatusPublisher::close);
    loop.ifPresent(SyncLoop::close);
    // released only once no sync runs here: the next owner never overlaps this one
    leases.ifPresent(dev.paved.server.ha.ShardLeases::close);
    leaseClient.ifPresent(io.fabric8.kubernetes.client.KubernetesClient::close);
    doctors.close();
    clusters.ifPresent(ClusterConnections::close);
    repo.close();
  }
}
