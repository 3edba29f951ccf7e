package dev.paved.gitops.sync;

import dev.paved.cluster.health.Health;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.Optional;

/**
 * An app in an environment: the last sync run (its revision is the one the health is about) and the
 * health of its objects now. Never healthy without a run, never healthy for an unreachable cluster.
 */
public record AppStatus(Deployment deployment, Optional<SyncRun> lastRun, Health health) {

  public Optional<String> revision() {
    return lastRun.map(SyncRun::revision);
  }
}
