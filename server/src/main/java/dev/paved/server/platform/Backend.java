package dev.paved.server.platform;

import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.core.platform.Platform;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.EnvironmentSyncer;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.server.db.Database;
import dev.paved.server.events.EventHub;
import dev.paved.server.sync.DatabaseSyncHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The GitOps side of the server: the platform repository, change requests, and — with a cluster —
 * the sync loop that applies main to it, starting within moments of a merge.
 */
public final class Backend implements AutoCloseable {

  /** The server's cluster: still to come (and why), or there with everything made for it. */
  private sealed interface Attachment {
    record Waiting(ClusterMode mode) implements Attachment {}

    record Attached(ClusterRuntime runtime) implements Attachment {}
  }

  private final GitRepository repo;
  private final String repoUrl;
  private final ChangeRequests changes;
  private final DatabaseSyncHistory history;
  private final MainSnapshot snapshot;
  private final Optional<dev.paved.server.ha.HaSettings> ha;
  private final int parallelism;
  private final AppDoctors doctors;
  private final List<java.util.function.Consumer<SyncRun>> syncListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Where live updates go; the server's hub once the server runs. */
  private final AtomicReference<EventHub> events = new AtomicReference<>(new EventHub(() -> null));

  /** The cluster: attached once (the sandbox may finish starting after the API is up). */
  private final AtomicReference<Attachment> attachment;

  private Backend(
      GitRepository repo,
      String repoUrl,
      ChangeRequests changes,
      DatabaseSyncHistory history,
      ClusterMode mode,
      Optional<dev.paved.server.ha.HaSettings> ha,
      int parallelism) {
    this.repo = repo;
    this.repoUrl = repoUrl;
    this.changes = changes;
    this.history = history;
    this.snapshot = new MainSnapshot(repo, new RepoRenderer(repoUrl));
    this.doctors =
        new AppDoctors(
            snapshot::platform,
            () -> runtime().map(ClusterRuntime::connections),
            new dev.paved.server.sync.FindingsStore(history.database()),
            events::get);
    this.ha = ha;
    this.parallelism = parallelism;
    this.attachment = new AtomicReference<>(new Attachment.Waiting(mode));
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
    GitRepository repo = openSeeded(repoDir, repoUrl, mode.seededCluster());
    Backend backend =
        new Backend(
            repo,
            repoUrl,
            new ChangeRequests(repo, repoUrl),
            new DatabaseSyncHistory(database),
            mode,
            ha,
            parallelism);
    if (mode instanceof ClusterMode.Connected connected) {
      backend.attach(connected);
    }
    return backend;
  }

  /**
   * Opens the repository, creating and seeding it on the first start. Replicas sharing one volume
   * start together, so the first start holds a lock file next to the repository while it creates
   * it: the others wait, then open what it made.
   */
  private static GitRepository openSeeded(
      Path repoDir, String repoUrl, dev.paved.core.target.ClusterRef cluster) {
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
        RepositorySeed.ensure(repo, repoUrl, cluster);
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

  /** Starts syncing to a cluster that became available (the sandbox finished starting). */
  public synchronized void attach(ClusterMode.Connected cluster) {
    if (attachment.get() instanceof Attachment.Attached) {
      throw new IllegalStateException("a cluster is already attached");
    }
    ClusterRuntime runtime =
        ClusterRuntime.start(
            cluster,
            new ClusterRuntime.Parts(
                repo, changes, history, snapshot, ha, parallelism, this::published, events::get));
    attachment.set(new Attachment.Attached(runtime));
  }

  private Optional<ClusterRuntime> runtime() {
    return attachment.get() instanceof Attachment.Attached a
        ? Optional.of(a.runtime())
        : Optional.empty();
  }

  /** This replica's shard leases, when it is one of several. */
  public Optional<dev.paved.server.ha.ShardLeases> leases() {
    return runtime().flatMap(ClusterRuntime::leases);
  }

  /**
   * Why nobody syncs this deployment now, when this replica is one of several and the deployment's
   * shard has no live owner.
   */
  public Optional<String> withoutOwner(Deployment deployment) {
    Optional<ClusterRuntime> runtime = runtime();
    if (runtime.isEmpty() || runtime.get().leases().isEmpty()) {
      return Optional.empty();
    }
    String target = platform().targetFor(deployment.env()).name();
    String shard = runtime.get().syncer().ownership().shardOf(target, deployment);
    return runtime.get().leases().get().owners().withoutOwner(shard, Instant.now());
  }

  /** Where live updates go (the server's event stream). */
  public void events(EventHub hub) {
    events.set(hub);
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
      // a periodic resync that changed nothing moves nothing
      runtime().ifPresent(r -> r.status().synced(run.deployment()));
    }
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("team", run.deployment().app().team());
    data.put("app", run.deployment().app().app());
    data.put("env", run.deployment().env());
    data.put("revision", run.revision());
    data.put("status", run.status().name());
    data.put("message", run.message());
    data.put("tookMillis", run.took().toMillis());
    events.get().publish("sync", Optional.of(run.deployment().app().team()), data);
  }

  /** Says why apps are not synced yet (the sandbox is still starting, it failed, …). */
  public void waiting(String reason) {
    attachment.updateAndGet(
        a ->
            a instanceof Attachment.Waiting
                ? new Attachment.Waiting(new ClusterMode.None(reason))
                : a);
  }

  /**
   * Makes main name one sandbox per target ({@code paved up --clusters N}) when it does not yet.
   *
   * @return the commit that did, or empty when main already did
   */
  public Optional<org.eclipse.jgit.lib.ObjectId> ensureSandboxTargets(
      List<dev.paved.gitops.change.SandboxTargets.Planned> plan) {
    return RepositorySeed.ensureTargets(repo, repoUrl, plan);
  }

  public java.util.Set<String> environments() {
    return snapshot.environments();
  }

  /** The files on main now (read once per commit). */
  public RepoFiles main() {
    return snapshot.files();
  }

  /** The platform (paths, targets, teams, policies) of main now (built once per commit). */
  public Platform platform() {
    return snapshot.platform();
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
    return switch (attachment.get()) {
      case Attachment.Waiting w -> w.mode();
      case Attachment.Attached a -> a.runtime().mode();
    };
  }

  public Optional<EnvironmentSyncer> syncer() {
    return runtime().map(ClusterRuntime::syncer);
  }

  /** The cluster client and namespace of one deployment, when a cluster is attached. */
  public Optional<Placement> placement(Deployment deployment) {
    Optional<ClusterRuntime> runtime = runtime();
    if (runtime.isEmpty()) {
      return Optional.empty();
    }
    Platform platform = platform();
    var connection = runtime.get().connections().of(platform.targetFor(deployment.env()).name());
    return Optional.of(
        new Placement(
            connection.client(),
            connection.logs(),
            platform.team(deployment.app().team()).namespaceFor(deployment.env())));
  }

  /** A target's cluster (its connection, or why it has none), when a cluster is attached. */
  public Optional<dev.paved.cluster.connection.TargetCluster> cluster(String target) {
    return runtime().map(r -> r.connections().find(target));
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
    return doctors.findings(deployment);
  }

  /**
   * The doctor's most severe error about one app in one environment, without waiting: empty while
   * its namespace's watch is starting (the call starts it) or when there is none.
   */
  public Optional<dev.paved.cluster.doctor.Finding> doctorError(Deployment deployment) {
    return doctors.error(deployment);
  }

  /**
   * Stops the sync loop (waiting for running syncs), then closes connections and the repository.
   */
  @Override
  public void close() {
    runtime().ifPresent(ClusterRuntime::close);
    doctors.close();
    repo.close();
  }
}
