package dev.paved.gitops.sync;

import dev.paved.cluster.connection.Reachability;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.prune.PruneResult;
import dev.paved.cluster.sync.Release;
import dev.paved.cluster.sync.SyncPolicy;
import dev.paved.cluster.sync.SyncTarget;
import dev.paved.core.error.PavedException;
import dev.paved.gitops.env.EnvironmentRules;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Syncs one app to one cluster, or removes one that left main, and says what happened as a {@link
 * SyncRun}. Knows the environment's rules and the files of the revision; knows nothing of shards,
 * locks or other apps. Stateless.
 */
final class AppSyncer {

  private AppSyncer() {}

  /**
   * Applies the deployment's rendered files at {@code revision}; never throws for the app. Drift is
   * set back when the environment heals by itself, and always in a manual sync (what it is for).
   */
  static SyncRun sync(
      SyncTarget target,
      Reachability reach,
      RepoFiles files,
      Deployment deployment,
      EnvironmentRules rules,
      String revision,
      Trigger trigger) {
    Instant started = Instant.now();
    if (reach instanceof Reachability.Unreachable u) {
      return Runs.run(
          deployment,
          revision,
          trigger,
          started,
          SyncRun.Status.FAILED,
          List.of(),
          "cluster " + target.name() + " is unreachable: " + u.reason());
    }
    List<Map<String, Object>> objects;
    try {
      objects = DeployedObjects.of(files, deployment);
    } catch (PavedException e) {
      return Runs.run(
          deployment, revision, trigger, started, SyncRun.Status.BLOCKED, List.of(), e.oneLine());
    }
    Release release =
        new Release(deployment.app().app(), namespaceOf(objects), revision, objects, true);
    return Runs.synced(
        deployment,
        revision,
        trigger,
        started,
        target.sync(
            release, new SyncPolicy(rules.prune(), rules.selfHeal() || trigger == Trigger.MANUAL)));
  }

  /**
   * Removes an app that left main, with the files it had then ({@code before}); deletes its objects
   * when {@code prune} (the environment's rule, or a deletion asked for on purpose).
   */
  static SyncRun remove(
      SyncTarget target,
      RepoFiles before,
      Deployment gone,
      boolean prune,
      String revision,
      Trigger trigger) {
    Instant started = Instant.now();
    String namespace = namespaceOf(DeployedObjects.of(before, gone));
    PruneResult result = target.remove(gone.app().app(), namespace, prune);
    return switch (result) {
      case PruneResult.Pruned p ->
          Runs.run(
              gone,
              revision,
              trigger,
              started,
              SyncRun.Status.REMOVED,
              Runs.pruned(p),
              "removed from main: deleted "
                  + p.deleted().size()
                  + " objects"
                  + (p.kept().isEmpty() ? "" : ", kept " + p.kept()));
      case PruneResult.Skipped s ->
          Runs.run(
              gone,
              revision,
              trigger,
              started,
              SyncRun.Status.REMOVED,
              List.of(),
              "removed from main; " + s.reason());
      case PruneResult.Refused r ->
          Runs.run(
              gone,
              revision,
              trigger,
              started,
              SyncRun.Status.FAILED,
              List.of(),
              "removed from main, but not from the cluster: " + r.reason());
    };
  }

  static String namespaceOf(List<Map<String, Object>> objects) {
    return objects.stream()
        .map(ObjectRef::of)
        .map(ObjectRef::namespace)
        .filter(n -> !n.isEmpty())
        .findFirst()
        .orElse("default");
  }
}
