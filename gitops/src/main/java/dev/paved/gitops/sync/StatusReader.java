package dev.paved.gitops.sync;

import dev.paved.cluster.health.Health;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.core.error.PavedException;
import dev.paved.core.platform.Platform;
import dev.paved.gitops.render.PlatformCache;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The read side: an app's status is its last run and its objects' health at that run's revision,
 * read from the cluster's watch cache (no probe here: the sync loop keeps reachability current, and
 * status is read often). Thread-safe.
 */
final class StatusReader {

  private final GitRepository repo;
  private final SyncTargets targets;
  private final PlatformCache platforms;
  private final DesiredObjects desired;

  StatusReader(
      GitRepository repo, SyncTargets targets, PlatformCache platforms, DesiredObjects desired) {
    this.repo = repo;
    this.targets = targets;
    this.platforms = platforms;
    this.desired = desired;
  }

  AppStatus status(Deployment deployment, Optional<SyncRun> last) {
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
    Platform platform = platforms.of(files);
    return new AppStatus(
        deployment,
        last,
        targets.of(platform.targetFor(deployment.env()).name()).health(refs).overall());
  }

  private List<ObjectRef> refs(RepoFiles files, Deployment deployment) {
    return desired.of(files, deployment).stream().map(ObjectRef::of).toList();
  }
}
