package dev.paved.gitops.sync;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.apply.ObjectRef;
import dev.paved.cluster.cache.LiveView;
import dev.paved.cluster.connection.ClusterConnection;
import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.connection.Reachability;
import dev.paved.cluster.diff.DriftDetector;
import dev.paved.cluster.health.Health;
import dev.paved.cluster.prune.CachedObjects;
import dev.paved.cluster.prune.ClusterObjects;
import dev.paved.cluster.prune.InventoryStore;
import dev.paved.cluster.prune.LiveObjects;
import dev.paved.cluster.prune.PruneResult;
import dev.paved.cluster.prune.Pruner;
import dev.paved.cluster.sync.AppSync;
import dev.paved.cluster.sync.Release;
import dev.paved.cluster.sync.SyncResult;
import dev.paved.core.error.PavedException;
import dev.paved.core.platform.Platform;
import dev.paved.core.render.Labels;
import dev.paved.core.target.Target;
import dev.paved.gitops.env.EnvironmentRules;
import dev.paved.gitops.render.PlatformCache;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.CommitInfo;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Syncs one environment to a main revision: every app deployed there is applied through the cluster
 * layer (prune and self-heal as the environment's rules say), apps removed from main since the last
 * complete sync are removed when prune is on, and each app gets a {@link SyncRun}. Two syncs of the
 * same app never overlap: the second one skips it. Thread-safe.
 */
public final class EnvironmentSyncer {

  private final GitRepository repo;
  private final ClusterConnections clusters;
  private final SyncHistory history;
  private final Map<Deployment, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final PlatformCache platforms = new PlatformCache();
  private final Ownership ownership;

  /** Apps synced at once unless told otherwise. */
  public static final int DEFAULT_PARALLELISM = 8;

  private final int parallelism;
  private final UnusableRevisions unusable;

  public EnvironmentSyncer(GitRepository repo, ClusterConnections clusters, SyncHistory history) {
    this(repo, clusters, history, Ownership.everything(), DEFAULT_PARALLELISM);
  }

  /**
   * A syncer that syncs only the shards {@code ownership} gives this replica, {@code parallelism}
   * apps at once.
   */
  public EnvironmentSyncer(
      GitRepository repo,
      ClusterConnections clusters,
      SyncHistory history,
      Ownership ownership,
      int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    this.repo = repo;
    this.clusters = clusters;
    this.history = history;
    this.ownership = ownership;
    this.parallelism = parallelism;
    this.unusable = new UnusableRevisions(history, ownership);
  }

  /** Which apps this syncer syncs. */
  public Ownership ownership() {
    return ownership;
  }

  public SyncHistory history() {
    return history;
  }

  /**
   * Syncs the apps of {@code env} in the shards this replica owns to {@code revision}; returns one
   * run per app touched. Never throws for an app.
   */
  public List<SyncRun> sync(String env, String revision, Trigger trigger) {
    RepoFiles files;
    EnvironmentRules rules;
    Target target;
    List<Deployment> inEnv;
    try {
      files = repo.read(ObjectId.fromString(revision));
      if (files.find(RepoLayout.ENVIRONMENTS).isEmpty()) {
        // every repository Paved seeds has it: without it, the targets and rules fall back to
        // built-in defaults, and the apps could be sent to another cluster under other rules
        throw new dev.paved.core.error.InvalidInputException(
            "it has no "
                + RepoLayout.ENVIRONMENTS
                + " (an empty tree, or the platform folder lost)",
            "restore the platform folder on main, or reset main to its last good commit");
      }
      Platform platform = platforms.of(RepoRenderer.intentPart(files));
      rules = RepoRenderer.environmentsOf(files).of(env);
      target = platform.targetFor(env);
      inEnv = RepoRenderer.deploymentsIn(files).stream().filter(d -> d.env().equals(env)).toList();
    } catch (RuntimeException e) {
      if (interrupted(e)) {
        throw e;
      }
      return unusable.block(env, revision, trigger, e);
    }
    unusable.usable(env, target.name());
    List<Deployment> deployments =
        inEnv.stream().filter(d -> ownership.owns(ownership.shardOf(target.name(), d))).toList();
    List<SyncRun> runs = new ArrayList<>();
    if ("argocd".equals(target.syncMode())) {
      for (Deployment d : deployments) {
        runs.add(
            run(
                d,
                revision,
                trigger,
                Instant.now(),
                SyncRun.Status.HANDED_OFF,
                List.of(),
                "target " + target.name() + " syncs with Argo CD; Paved wrote its Application"));
      }
      runs.forEach(history::record);
      return runs;
    }
    ClusterConnection connection = clusters.of(target.name());
    Reachability reach = connection.check();
    for (String shard : ownership.shardsOf(target.name())) {
      if (ownership.owns(shard)) {
        List<Deployment> mine =
            deployments.stream()
                .filter(d -> ownership.shardOf(target.name(), d).equals(shard))
                .toList();
        runs.addAll(
            syncShard(
                new Scope(connection, reach, files, rules, revision, trigger, inEnv.isEmpty()),
                env,
                target.name(),
                shard,
                mine));
      }
    }
    return runs;
  }

  /** What every app of one sync shares. */
  private record Scope(
      ClusterConnection connection,
      Reachability reach,
      RepoFiles files,
      EnvironmentRules rules,
      String revision,
      Trigger trigger,
      boolean noAppsLeft) {

    /**
     * An automatic sync that would remove every app of a pruned environment: taken for a broken
     * main (an empty tree, a lost folder), not a wish, unless the environment allows it.
     */
    boolean emptiedByMistake() {
      return noAppsLeft && rules.prune() && !rules.allowEmpty();
    }
  }

  /**
   * Syncs one shard's apps, then removes its apps that left main; marks the shard synced when
   * nothing needs a retry. A shard lost on the way is left to its new owner: the rest of its apps
   * are not touched, and it is not marked.
   */
  private List<SyncRun> syncShard(
      Scope scope, String env, String target, String shard, List<Deployment> deployments) {
    List<SyncRun> runs = new ArrayList<>(inParallel(scope, shard, deployments));
    if (ownership.owns(shard)) {
      runs.addAll(removeDeleted(scope, env, target, shard, deployments));
    }
    runs.forEach(history::record);
    if (ownership.owns(shard)
        && !scope.emptiedByMistake()
        && runs.stream().noneMatch(r -> r.status().retryable())) {
      history.markSynced(ownership.syncKey(env, shard), scope.revision());
    }
    return runs;
  }

  /**
   * Syncs the apps {@code parallelism} at a time on virtual threads (the API server, not this
   * process, is the limit: a few requests in flight hide the round trips), in their order; an app
   * not started before the shard was lost is left to the new owner.
   */
  private List<SyncRun> inParallel(Scope scope, String shard, List<Deployment> deployments) {
    java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(parallelism);
    List<java.util.concurrent.Future<Optional<SyncRun>>> futures = new ArrayList<>();
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (Deployment deployment : deployments) {
        futures.add(
            executor.submit(
                () -> {
                  permits.acquire();
                  try {
                    return ownership.owns(shard)
                        ? Optional.of(guarded(scope, deployment))
                        : Optional.<SyncRun>empty();
                  } finally {
                    permits.release();
                  }
                }));
      }
    }
    List<SyncRun> runs = new ArrayList<>();
    for (var future : futures) {
      try {
        future.get().ifPresent(runs::add);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("guarded sync threw", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while syncing", e);
      }
    }
    return runs;
  }

  /** One app's sync; an unexpected failure becomes that app's failed run, not the pass's. */
  private SyncRun guarded(Scope scope, Deployment deployment) {
    Instant started = Instant.now();
    try {
      return locked(
          deployment,
          scope.revision(),
          scope.trigger(),
          () ->
              syncApp(
                  scope.connection(),
                  scope.reach(),
                  scope.files(),
                  deployment,
                  scope.rules(),
                  scope.revision(),
                  scope.trigger()));
    } catch (RuntimeException e) {
      if (interrupted(e)) {
        throw e; // the server is stopping: no run is recorded, the next start syncs again
      }
      return run(
          deployment,
          scope.revision(),
          scope.trigger(),
          started,
          SyncRun.Status.FAILED,
          List.of(),
          "the sync failed unexpectedly: " + e);
    }
  }

  private static boolean interrupted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  private SyncRun locked(
      Deployment deployment,
      String revision,
      Trigger trigger,
      java.util.function.Supplier<SyncRun> work) {
    ReentrantLock lock = locks.computeIfAbsent(deployment, d -> new ReentrantLock());
    if (!lock.tryLock()) {
      return run(
          deployment,
          revision,
          trigger,
          Instant.now(),
          SyncRun.Status.FAILED,
          List.of(),
          "another sync of this app is running; it will be synced again");
    }
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  private SyncRun syncApp(
      ClusterConnection connection,
      Reachability reach,
      RepoFiles files,
      Deployment deployment,
      EnvironmentRules rules,
      String revision,
      Trigger trigger) {
    Instant started = Instant.now();
    if (reach instanceof Reachability.Unreachable u) {
      return run(
          deployment,
          revision,
          trigger,
          started,
          SyncRun.Status.FAILED,
          List.of(),
          "cluster " + connection.target() + " is unreachable: " + u.reason());
    }
    List<Map<String, Object>> objects;
    try {
      objects = DeployedObjects.of(files, deployment);
    } catch (PavedException e) {
      return run(
          deployment, revision, trigger, started, SyncRun.Status.BLOCKED, List.of(), e.oneLine());
    }
    String namespace = namespaceOf(objects);
    LiveView view = connection.view();
    Applier applier = new Applier(connection.client(), view);
    List<ApplyOutcome> namespaceOutcome = applier.apply(List.of(namespaceObject(namespace)));
    AppSync sync = appSync(connection, applier, view, rules);
    SyncResult result =
        sync.sync(new Release(deployment.app().app(), namespace, revision, objects, true));
    List<ApplyOutcome> healed = rules.selfHeal() ? heal(applier, view, objects) : List.of();
    List<SyncRun.ObjectResult> outcomes = results(result, healed, namespaceOutcome);
    boolean ok =
        result.succeeded()
            && outcomes.stream().noneMatch(o -> o.outcome() == SyncRun.Outcome.FAILED);
    return run(
        deployment,
        revision,
        trigger,
        started,
        ok ? SyncRun.Status.SYNCED : SyncRun.Status.FAILED,
        outcomes,
        message(result, healed));
  }

  private static AppSync appSync(
      ClusterConnection connection, Applier applier, LiveView view, EnvironmentRules rules) {
    InventoryStore inventories = new InventoryStore(connection.client(), view);
    LiveObjects live =
        connection
            .cache()
            .filter(c -> view == c)
            .<LiveObjects>map(c -> new CachedObjects(c, connection.client()))
            .orElse(new ClusterObjects(connection.client()));
    return rules.prune()
        ? new AppSync(applier, inventories, live, Pruner.DEFAULT_MAX_SHARE)
        : AppSync.withoutPrune(applier, inventories, live);
  }

  /** Objects someone changed in the cluster, set back (self-heal). */
  private static List<ApplyOutcome> heal(
      Applier applier, LiveView view, List<Map<String, Object>> objects) {
    Set<ObjectRef> drifted =
        new java.util.HashSet<>(
            new DriftDetector(view).detect(objects).stream().map(d -> d.ref()).toList());
    if (drifted.isEmpty()) {
      return List.of();
    }
    return applier.apply(
        objects.stream().filter(o -> drifted.contains(ObjectRef.of(o))).toList(), true);
  }

  /** The shard's apps deployed at its last complete sync and gone from main since. */
  private List<SyncRun> removeDeleted(
      Scope scope, String env, String target, String shard, List<Deployment> current) {
    Optional<String> last = history.lastSynced(ownership.syncKey(env, shard));
    if (last.isEmpty()
        || last.get().equals(scope.revision())
        || scope.reach() instanceof Reachability.Unreachable) {
      return List.of();
    }
    RepoFiles before = repo.read(ObjectId.fromString(last.get()));
    Set<String> deleted = deletedSince(last.get(), scope.revision());
    List<SyncRun> runs = new ArrayList<>();
    for (Deployment gone : RepoRenderer.deploymentsIn(before)) {
      if (!gone.env().equals(env)
          || current.contains(gone)
          || !ownership.shardOf(target, gone).equals(shard)) {
        continue;
      }
      if (scope.emptiedByMistake()) {
        unusable
            .keptInEmptyEnvironment(gone, scope.revision(), scope.trigger())
            .ifPresent(runs::add);
        continue;
      }
      runs.add(
          locked(
              gone,
              scope.revision(),
              scope.trigger(),
              () ->
                  remove(
                      scope.connection(),
                      before,
                      gone,
                      deleted.contains(gone.toString()) ? pruning(scope.rules()) : scope.rules(),
                      scope.revision(),
                      scope.trigger())));
    }
    return runs;
  }

  /**
   * The deployments whose objects a merge since {@code last} asked to delete ({@code paved
   * delete}): named by the {@link RepoLayout#DELETES_TRAILER} trailers of main's commits after it.
   */
  private Set<String> deletedSince(String last, String revision) {
    Set<String> deleted = new java.util.HashSet<>();
    for (CommitInfo commit : repo.log(ObjectId.fromString(revision), DELETIONS_LOOKBACK)) {
      if (commit.id().equals(last)) {
        break;
      }
      commit
          .message()
          .lines()
          .filter(l -> l.startsWith(RepoLayout.DELETES_TRAILER))
          .forEach(l -> deleted.add(l.substring(RepoLayout.DELETES_TRAILER.length()).strip()));
    }
    return deleted;
  }

  /** How far back a sync looks for deletions it has not applied yet. */
  private static final int DELETIONS_LOOKBACK = 500;

  /** The rules with prune on: a deletion asked for by a reviewed change. */
  private static EnvironmentRules pruning(EnvironmentRules rules) {
    return new EnvironmentRules(
        rules.env(),
        rules.approvals(),
        rules.autoMerge(),
        rules.autoSync(),
        rules.selfHeal(),
        true,
        rules.allowEmpty());
  }

  private SyncRun remove(
      ClusterConnection connection,
      RepoFiles before,
      Deployment gone,
      EnvironmentRules rules,
      String revision,
      Trigger trigger) {
    Instant started = Instant.now();
    String namespace = namespaceOf(DeployedObjects.of(before, gone));
    LiveView view = connection.view();
    AppSync sync = appSync(connection, new Applier(connection.client(), view), view, rules);
    PruneResult result = sync.remove(gone.app().app(), namespace);
    return switch (result) {
      case PruneResult.Pruned p ->
          run(
              gone,
              revision,
              trigger,
              started,
              SyncRun.Status.REMOVED,
              pruned(p),
              "removed from main: deleted "
                  + p.deleted().size()
                  + " objects"
                  + (p.kept().isEmpty() ? "" : ", kept " + p.kept()));
      case PruneResult.Skipped s ->
          run(
              gone,
              revision,
              trigger,
              started,
              SyncRun.Status.REMOVED,
              List.of(),
              "removed from main; " + s.reason());
      case PruneResult.Refused r ->
          run(
              gone,
              revision,
              trigger,
              started,
              SyncRun.Status.FAILED,
              List.of(),
              "removed from main, but not from the cluster: " + r.reason());
    };
  }

  /** The app's status now: its last run and its objects' health at that run's revision. */
  public AppStatus status(Deployment deployment) {
    return status(deployment, history.last(deployment));
  }

  /** The app's status given its last run (read in bulk by callers that show many apps). */
  public AppStatus status(Deployment deployment, Optional<SyncRun> last) {
    if (last.isEmpty()) {
      return new AppStatus(deployment, last, Health.unknown("never synced"));
    }
    RepoFiles files = repo.read(ObjectId.fromString(last.get().revision()));
    List<ObjectRef> refs;
    try {
      refs = refs(files, deployment);
    } catch (PavedException e) {
      return new AppStatus(deployment, last, Health.unknown(e.oneLine()));
    }
    Platform platform = platforms.of(RepoRenderer.intentPart(files));
    // no probe here: the sync loop keeps reachability current, and status is read often
    ClusterConnection connection = clusters.of(platform.targetFor(deployment.env()).name());
    return new AppStatus(deployment, last, connection.health(refs).overall());
  }

  /** The objects of a deployment's rendered files, kept until those files change. */
  private List<ObjectRef> refs(RepoFiles files, Deployment deployment) {
    java.util.SortedMap<String, String> folder =
        files.under(
            dev.paved.gitops.repo.RepoLayout.deployFolder(
                deployment.env(), deployment.app().team(), deployment.app().app()));
    Refs known = refsByDeployment.get(deployment);
    if (known != null && known.files().equals(folder)) {
      return known.refs();
    }
    List<ObjectRef> refs =
        DeployedObjects.of(files, deployment).stream().map(ObjectRef::of).toList();
    if (refsByDeployment.size() > 50_000) {
      refsByDeployment.clear();
    }
    refsByDeployment.put(deployment, new Refs(folder, refs));
    return refs;
  }

  private record Refs(java.util.SortedMap<String, String> files, List<ObjectRef> refs) {}

  private final Map<Deployment, Refs> refsByDeployment =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String namespaceOf(List<Map<String, Object>> objects) {
    return objects.stream()
        .map(ObjectRef::of)
        .map(ObjectRef::namespace)
        .filter(n -> !n.isEmpty())
        .findFirst()
        .orElse("default");
  }

  private static Map<String, Object> namespaceObject(String namespace) {
    return Map.of(
        "apiVersion", "v1",
        "kind", "Namespace",
        "metadata", Map.of("name", namespace, "labels", Map.of(Labels.MANAGED_BY, Labels.MANAGER)));
  }

  private static String message(SyncResult result, List<ApplyOutcome> healed) {
    List<String> parts = new ArrayList<>();
    result.failures().forEach(f -> parts.add(f.ref() + ": " + f.reason()));
    switch (result.pruned()) {
      case PruneResult.Pruned p when !p.deleted().isEmpty() -> parts.add("pruned " + p.deleted());
      case PruneResult.Refused r -> parts.add("prune refused: " + r.reason());
      default -> {}
    }
    if (!healed.isEmpty()) {
      parts.add("healed " + healed.stream().map(ApplyOutcome::ref).toList());
    }
    return parts.isEmpty() ? "synced" : String.join("; ", parts);
  }

  private static SyncRun run(
      Deployment deployment,
      String revision,
      Trigger trigger,
      Instant started,
      SyncRun.Status status,
      List<SyncRun.ObjectResult> objects,
      String message) {
    return new SyncRun(
        deployment,
        revision,
        trigger,
        started,
        Duration.between(started, Instant.now()),
        status,
        objects,
        message);
  }

  private static List<SyncRun.ObjectResult> results(
      SyncResult result, List<ApplyOutcome> healed, List<ApplyOutcome> namespace) {
    List<SyncRun.ObjectResult> objects = new ArrayList<>();
    namespace.stream()
        .filter(ApplyOutcome.Failed.class::isInstance)
        .forEach(o -> objects.add(result(o, false)));
    Set<ObjectRef> healedRefs =
        new java.util.HashSet<>(healed.stream().map(ApplyOutcome::ref).toList());
    result.applied().forEach(o -> objects.add(result(o, healedRefs.contains(o.ref()))));
    objects.addAll(pruned(result.pruned()));
    return objects;
  }

  private static SyncRun.ObjectResult result(ApplyOutcome outcome, boolean healed) {
    String object = outcome.ref().toString();
    return switch (outcome) {
      case ApplyOutcome.Created c -> new SyncRun.ObjectResult(object, SyncRun.Outcome.CREATED, "");
      case ApplyOutcome.Configured c ->
          new SyncRun.ObjectResult(
              object,
              c.replaced() ? SyncRun.Outcome.REPLACED : SyncRun.Outcome.CONFIGURED,
              c.replaced() ? "immutable field changed: deleted and created" : "");
      case ApplyOutcome.Unchanged u ->
          healed
              ? new SyncRun.ObjectResult(object, SyncRun.Outcome.HEALED, "drifted fields set back")
              : new SyncRun.ObjectResult(object, SyncRun.Outcome.UNCHANGED, "");
      case ApplyOutcome.Failed f ->
          new SyncRun.ObjectResult(
              object, SyncRun.Outcome.FAILED, f.reason() + (f.retryable() ? " (retried)" : ""));
    };
  }

  private static List<SyncRun.ObjectResult> pruned(PruneResult result) {
    List<SyncRun.ObjectResult> objects = new ArrayList<>();
    switch (result) {
      case PruneResult.Pruned p -> {
        p.deleted()
            .forEach(
                r ->
                    objects.add(
                        new SyncRun.ObjectResult(
                            r.toString(), SyncRun.Outcome.DELETED, "left main")));
        p.kept()
            .forEach(
                r ->
                    objects.add(
                        new SyncRun.ObjectResult(
                            r.toString(),
                            SyncRun.Outcome.KEPT,
                            "marked paved.dev/prune: \"false\"")));
      }
      case PruneResult.Refused r ->
          r.deletedBeforeTheError()
              .forEach(
                  d ->
                      objects.add(
                          new SyncRun.ObjectResult(
                              d.toString(), SyncRun.Outcome.DELETED, "left main")));
      case PruneResult.Skipped s -> {}
    }
    return objects;
  }
}
