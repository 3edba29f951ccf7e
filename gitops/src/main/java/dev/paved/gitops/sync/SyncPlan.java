package dev.paved.gitops.sync;

import dev.paved.core.platform.Platform;
import dev.paved.core.target.Target;
import dev.paved.gitops.env.EnvironmentRules;
import dev.paved.gitops.render.PlatformCache;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What one environment's sync to one revision is to do, read from the revision's files: the rules,
 * the target and the apps deployed there; or why the revision cannot be used at all.
 */
sealed interface SyncPlan {

  /**
   * The revision can be synced.
   *
   * @param inEnv every app deployed to the environment (all shards)
   */
  record Usable(RepoFiles files, EnvironmentRules rules, Target target, List<Deployment> inEnv)
      implements SyncPlan {

    public Usable {
      inEnv = List.copyOf(inEnv);
    }

    /**
     * An automatic sync that would remove every app of a pruned environment: taken for a broken
     * main (an empty tree, a lost folder), not a wish, unless the environment allows it.
     */
    boolean emptiedByMistake() {
      return inEnv.isEmpty() && rules.prune() && !rules.allowEmpty();
    }
  }

  /** The revision cannot be synced (no environments file, a broken platform file). */
  record Unusable(RuntimeException cause) implements SyncPlan {}

  /**
   * The plan of {@code env} at {@code revision}; never throws for a revision that cannot be read
   * (missing objects) or used (bad files): those are {@link Unusable}.
   */
  static SyncPlan of(GitRepository repo, String revision, String env, PlatformCache platforms) {
    try {
      RepoFiles files = repo.read(ObjectId.fromString(revision));
      if (files.find(RepoLayout.ENVIRONMENTS).isEmpty()) {
        // every repository Paved seeds has it: without it, the targets and rules fall back to
        // built-in defaults, and the apps could be sent to another cluster under other rules
        throw new dev.paved.core.error.InvalidInputException(
            "it has no "
                + RepoLayout.ENVIRONMENTS
                + " (an empty tree, or the platform folder lost)",
            "restore the platform folder on main, or reset main to its last good commit");
      }
      Platform platform = platforms.of(files);
      return new Usable(
          files,
          RepoRenderer.environmentsOf(files).of(env),
          platform.targetFor(env),
          RepoRenderer.deploymentsIn(files).stream().filter(d -> d.env().equals(env)).toList());
    } catch (RuntimeException e) {
      if (Interruptions.interrupted(e)) {
        throw e;
      }
      return new Unusable(e);
    }
  }
}
