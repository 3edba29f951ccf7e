package dev.paved.gitops.sync;

import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per app: two syncs of the same app never overlap; the second one does not wait, it
 * records that the app is being synced and will be synced again. Thread-safe.
 */
final class AppLocks {

  private final Map<Deployment, ReentrantLock> locks = new ConcurrentHashMap<>();

  SyncRun locked(Deployment deployment, String revision, Trigger trigger, Supplier<SyncRun> work) {
    ReentrantLock lock = locks.computeIfAbsent(deployment, d -> new ReentrantLock());
    if (!lock.tryLock()) {
      return Runs.run(
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
}
