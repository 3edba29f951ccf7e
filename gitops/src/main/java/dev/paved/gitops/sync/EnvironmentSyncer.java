package dev.paved.gitops.sync;

import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.connection.Reachability;
import dev.paved.cluster.sync.DriftReading;
import dev.paved.cluster.sync.SyncTarget;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.PavedException;
import dev.paved.gitops.render.PlatformCache;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Syncs one environment to a main revision, in a straight line: plan (the revision's rules, target
 * and apps; {@link SyncPlan}), then for each shard this replica owns sync its apps in parallel
 * ({@link ParallelRunner}, {@link AppSyncer}, one lock per app), remove its apps that left main
 * ({@link Removals}), record a {@link SyncRun} per app and mark the shard synced when nothing needs
 * a retry. The clusters are behind {@link SyncTargets}. Thread-safe.
 */
public final class EnvironmentSyncer {

  /** Apps synced at once unless told otherwise. */
  public static final int DEFAULT_PARALLELISM = 8;

  private final GitRepository repo;
  private final SyncTargets targets;
  private final SyncHistory history;
  private final Ownership ownership;
  private final PlatformCache platforms = new PlatformCache();
  private final AppLocks locks = new AppLocks();
  private final ParallelRunner runner;
  private final UnusableRevisions unusable;
  private final Removals removals;
  private final DesiredObjects desired = new DesiredObjects();
  private final StatusReader statuses;

  public EnvironmentSyncer(GitRepository repo, ClusterConnections clusters, SyncHistory history) {
    this(repo, SyncTargets.over(clusters), history, Ownership.everything(), DEFAULT_PARALLELISM);
  }

  /**
   * Syncs only the shards {@code ownership} gives this replica, {@code parallelism} apps at once.
   */
  public EnvironmentSyncer(
      GitRepository repo,
      ClusterConnections clusters,
      SyncHistory history,
      Ownership ownership,
      int parallelism) {
    this(repo, SyncTargets.over(clusters), history, ownership, parallelism);
  }

  /** As above, over any {@link SyncTargets} (an in-memory fake in unit tests). */
  public EnvironmentSyncer(
      GitRepository repo,
      SyncTargets targets,
      SyncHistory history,
      Ownership ownership,
      int parallelism) {
    this.repo = repo;
    this.targets = targets;
    this.history = history;
    this.ownership = ownership;
    this.runner = new ParallelRunner(parallelism);
    this.unusable = new UnusableRevisions(history, ownership);
    this.removals = new Removals(repo);
    this.statuses = new StatusReader(repo, targets, platforms, desired);
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
    SyncPlan plan = SyncPlan.of(repo, revision, env, platforms);
    return switch (plan) {
      case SyncPlan.Unusable u -> unusable.block(env, revision, trigger, u.cause());
      case SyncPlan.Usable usable -> sync(env, revision, trigger, usable);
    };
  }

  private List<SyncRun> sync(String env, String revision, Trigger trigger, SyncPlan.Usable plan) {
    String target = plan.target().name();
    unusable.usable(env, target);
    List<Deployment> owned =
        plan.inEnv().stream().filter(d -> ownership.owns(ownership.shardOf(target, d))).toList();
    if (plan.target().syncMode() == dev.paved.core.target.SyncMode.ARGOCD) {
      List<SyncRun> runs =
          owned.stream().map(d -> handedOff(d, revision, trigger, target)).toList();
      runs.forEach(history::record);
      return runs;
    }
    SyncTarget cluster = targets.of(target);
    Pass pass = new Pass(cluster, cluster.check(), plan, env, revision, trigger);
    List<SyncRun> runs = new ArrayList<>();
    for (String shard : ownership.shardsOf(target)) {
      if (ownership.owns(shard)) {
        runs.addAll(
            syncShard(
                pass,
                shard,
                owned.stream().filter(d -> ownership.shardOf(target, d).equals(shard)).toList()));
      }
    }
    return runs;
  }

  /** What every app of one environment's sync shares. */
  private record Pass(
      SyncTarget cluster,
      Reachability reach,
      SyncPlan.Usable plan,
      String env,
      String revision,
      Trigger trigger) {}

  /**
   * Syncs one shard's apps, then removes its apps that left main; marks the shard synced when
   * nothing needs a retry. A shard lost on the way is left to its new owner: the rest of its apps
   * are not touched, and it is not marked.
   */
  private List<SyncRun> syncShard(Pass pass, String shard, List<Deployment> deployments) {
    List<SyncRun> runs =
        new ArrayList<>(
            runner.run(
                deployments,
                () -> ownership.owns(shard),
                pass.revision(),
                pass.trigger(),
                d ->
                    locks.locked(
                        d,
                        pass.revision(),
                        pass.trigger(),
                        () ->
                            AppSyncer.sync(
                                pass.cluster(),
                                pass.reach(),
                                pass.plan().files(),
                                d,
                                pass.plan().rules(),
                                pass.revision(),
                                pass.trigger()))));
    if (ownership.owns(shard)) {
      runs.addAll(removeDeleted(pass, shard, deployments));
    }
    runs.forEach(history::record);
    if (ownership.owns(shard)
        && !pass.plan().emptiedByMistake()
        && runs.stream().noneMatch(r -> r.status().retryable())) {
      history.markSynced(ownership.syncKey(pass.env(), shard), pass.revision());
    }
    return runs;
  }

  /** The shard's apps deployed at its last complete sync and gone from main since. */
  private List<SyncRun> removeDeleted(Pass pass, String shard, List<Deployment> current) {
    Optional<String> last = history.lastSynced(ownership.syncKey(pass.env(), shard));
    if (last.isEmpty()
        || last.get().equals(pass.revision())
        || pass.reach() instanceof Reachability.Unreachable) {
      return List.of();
    }
    String target = pass.cluster().name();
    Removals.Gone gone = removals.since(last.get(), pass.revision(), pass.env(), current);
    List<SyncRun> runs = new ArrayList<>();
    for (Deployment app : gone.apps()) {
      if (!ownership.shardOf(target, app).equals(shard)) {
        continue;
      }
      if (pass.plan().emptiedByMistake()) {
        unusable.keptInEmptyEnvironment(app, pass.revision(), pass.trigger()).ifPresent(runs::add);
        continue;
      }
      boolean prune =
          pass.plan().rules().prune() || gone.deletedOnPurpose().contains(app.toString());
      runs.add(
          locks.locked(
              app,
              pass.revision(),
              pass.trigger(),
              () ->
                  AppSyncer.remove(
                      pass.cluster(), gone.before(), app, prune, pass.revision(), pass.trigger())));
    }
    return runs;
  }

  private static SyncRun handedOff(
      Deployment deployment, String revision, Trigger trigger, String target) {
    return Runs.run(
        deployment,
        revision,
        trigger,
        Instant.now(),
        SyncRun.Status.HANDED_OFF,
        List.of(),
        "target " + target + " syncs with Argo CD; Paved wrote its Application");
  }

  /**
   * Whether the app's objects are what {@code main} wants, read without writing: from the watch
   * cache, or from the API server when {@code fresh} (a refresh).
   */
  public SyncState syncState(Deployment deployment, RepoFiles main, boolean fresh) {
    List<Map<String, Object>> objects;
    String target;
    try {
      objects = desired.of(main, deployment);
      target = platforms.of(main).targetFor(deployment.env()).name();
    } catch (PavedException e) {
      return new SyncState.Unknown(e.oneLine());
    }
    return switch (targets.of(target).drift(objects, fresh)) {
      case DriftReading.Read read when read.drifts().isEmpty() -> new SyncState.Synced();
      case DriftReading.Read read -> new SyncState.OutOfSync(read.drifts());
      case DriftReading.Unreadable u -> new SyncState.Unknown(u.reason());
    };
  }

  /**
   * Syncs one app to {@code revision} now, whatever the environment's autoSync says (a manual
   * sync): applies, prunes and heals as the environment's rules say, and records the run.
   *
   * @throws EnvironmentException when another replica owns the app's shard
   */
  public SyncRun syncNow(Deployment deployment, String revision, Trigger trigger) {
    return switch (SyncPlan.of(repo, revision, deployment.env(), platforms)) {
      case SyncPlan.Unusable u ->
          unusable.block(deployment.env(), revision, trigger, u.cause()).stream()
              .filter(r -> r.deployment().equals(deployment))
              .findFirst()
              .orElseThrow(
                  () ->
                      new EnvironmentException(
                          "main at " + revision + " cannot be synced: " + u.cause().getMessage(),
                          "fix main; the app's status says why",
                          false,
                          u.cause()));
      case SyncPlan.Usable usable -> syncNow(deployment, revision, trigger, usable);
    };
  }

  private SyncRun syncNow(
      Deployment deployment, String revision, Trigger trigger, SyncPlan.Usable plan) {
    String target = plan.target().name();
    if (!ownership.owns(ownership.shardOf(target, deployment))) {
      throw new EnvironmentException(
          "another replica syncs the shard of " + deployment,
          "ask again in a moment, or ask the replica that owns it (GET /api/v1/shards)",
          true,
          null);
    }
    SyncTarget cluster = targets.of(target);
    Reachability reach = cluster.check();
    SyncRun run =
        locks.locked(
            deployment,
            revision,
            trigger,
            () ->
                AppSyncer.sync(
                    cluster, reach, plan.files(), deployment, plan.rules(), revision, trigger));
    history.record(run);
    return run;
  }

  /** The app's status now: its last run and its objects' health at that run's revision. */
  public AppStatus status(Deployment deployment) {
    return status(deployment, history.last(deployment));
  }

  /** The app's status given its last run (read in bulk by callers that show many apps). */
  public AppStatus status(Deployment deployment, Optional<SyncRun> last) {
    return statuses.status(deployment, last);
  }
}
