package dev.paved.gitops.sync;

import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.List;
import java.util.Optional;

/** Where sync runs are kept; the server keeps them in its database. */
public interface SyncHistory {

  void record(SyncRun run);

  /** The runs of one app in one environment, newest first. */
  List<SyncRun> runs(Deployment deployment);

  /** The newest run of one app in one environment. */
  default Optional<SyncRun> last(Deployment deployment) {
    return runs(deployment).stream().findFirst();
  }

  /** The newest run of every app in every environment that has one. */
  java.util.Map<Deployment, SyncRun> latest();

  /** The newest revision the environment's sync went through completely, if any. */
  Optional<String> lastSynced(String env);

  void markSynced(String env, String revision);
}
