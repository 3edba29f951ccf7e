package dev.paved.gitops.sync;

import dev.paved.core.error.PavedException;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a sync does when main cannot be trusted: a revision that cannot be read or no longer loads
 * (a corrupt golden path, a lost platform folder, a broken repository), or one that would remove
 * every app of a pruned environment. Nothing is applied or removed; each app the environment had
 * gets a BLOCKED run saying why, so its status shows the cause instead of an old success.
 */
final class UnusableRevisions {

  private final SyncHistory history;
  private final Ownership ownership;

  /** The target of each environment at its last usable revision: which shards are whose. */
  private final Map<String, String> targets = new ConcurrentHashMap<>();

  UnusableRevisions(SyncHistory history, Ownership ownership) {
    this.history = history;
    this.ownership = ownership;
  }

  void usable(String env, String target) {
    targets.put(env, target);
  }

  /**
   * Marks every app of {@code env} that this replica syncs BLOCKED at {@code revision}, once per
   * revision and reason; returns the new runs.
   */
  List<SyncRun> block(String env, String revision, Trigger trigger, RuntimeException cause) {
    String why =
        "main at "
            + revision.substring(0, Math.min(12, revision.length()))
            + " cannot be synced: "
            + reason(cause)
            + ". Nothing was applied or removed; the cluster keeps the last synced state until"
            + " main is fixed";
    List<SyncRun> runs = new ArrayList<>();
    for (Map.Entry<Deployment, SyncRun> latest : history.latest().entrySet()) {
      Deployment app = latest.getKey();
      SyncRun last = latest.getValue();
      if (app.env().equals(env)
          && last.status() != SyncRun.Status.REMOVED
          && mine(env, app)
          && !toldAlready(last, revision, why)) {
        runs.add(blocked(app, revision, trigger, why));
      }
    }
    runs.forEach(history::record);
    return runs;
  }

  /**
   * The run of an app kept because main would leave its environment with no apps; none when the app
   * already says so for this revision.
   */
  Optional<SyncRun> keptInEmptyEnvironment(Deployment app, String revision, Trigger trigger) {
    String why =
        "main at "
            + revision.substring(0, Math.min(12, revision.length()))
            + " has no apps left in "
            + app.env()
            + "; Paved does not remove every app of an environment by itself (an empty or cut"
            + " main is more often a mistake than a wish), so nothing was removed. If it is"
            + " meant, set allowEmpty: true for "
            + app.env()
            + " in platform/environments.yaml";
    return history.last(app).filter(last -> toldAlready(last, revision, why)).isPresent()
        ? Optional.empty()
        : Optional.of(blocked(app, revision, trigger, why));
  }

  private static boolean toldAlready(SyncRun last, String revision, String why) {
    return last.status() == SyncRun.Status.BLOCKED
        && last.revision().equals(revision)
        && last.message().equals(why);
  }

  private boolean mine(String env, Deployment app) {
    return Optional.ofNullable(targets.get(env))
        .map(target -> ownership.owns(ownership.shardOf(target, app)))
        .orElse(true);
  }

  private static SyncRun blocked(Deployment app, String revision, Trigger trigger, String why) {
    return new SyncRun(
        app,
        revision,
        trigger,
        Instant.now(),
        Duration.ZERO,
        SyncRun.Status.BLOCKED,
        List.of(),
        why);
  }

  private static String reason(RuntimeException e) {
    if (e instanceof PavedException p) {
      return p.oneLine();
    }
    String message = String.valueOf(e.getMessage());
    return e.getCause() != null && e.getCause().getMessage() != null
        ? message + " (" + e.getCause().getMessage() + ")"
        : message;
  }
}
