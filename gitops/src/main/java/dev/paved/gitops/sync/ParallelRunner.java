package dev.paved.gitops.sync;

import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs one sync per app, {@code parallelism} at a time on virtual threads (the API server, not this
 * process, is the limit: a few requests in flight hide the round trips), in their order. An app not
 * started before {@code stillOwned} turned false is left to the new owner; an unexpected failure of
 * one app is that app's FAILED run, not the pass's; the process stopping records nothing.
 * Thread-safe.
 */
final class ParallelRunner {

  private final int parallelism;

  ParallelRunner(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    this.parallelism = parallelism;
  }

  List<SyncRun> run(
      List<Deployment> deployments,
      BooleanSupplier stillOwned,
      String revision,
      Trigger trigger,
      Function<Deployment, SyncRun> sync) {
    Semaphore permits = new Semaphore(parallelism);
    List<Future<Optional<SyncRun>>> futures = new ArrayList<>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Deployment deployment : deployments) {
        futures.add(
            executor.submit(
                () -> {
                  permits.acquire();
                  try {
                    return stillOwned.getAsBoolean()
                        ? Optional.of(guarded(deployment, revision, trigger, sync))
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
      } catch (ExecutionException e) {
        if (Interruptions.interrupted(e)) {
          throw new IllegalStateException("interrupted while syncing", e.getCause());
        }
        throw new IllegalStateException("guarded sync threw", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while syncing", e);
      }
    }
    return runs;
  }

  private static SyncRun guarded(
      Deployment deployment, String revision, Trigger trigger, Function<Deployment, SyncRun> sync) {
    Instant started = Instant.now();
    try {
      return sync.apply(deployment);
    } catch (RuntimeException e) {
      if (Interruptions.interrupted(e)) {
        throw e; // the server is stopping: no run is recorded, the next start syncs again
      }
      return Runs.run(
          deployment,
          revision,
          trigger,
          started,
          SyncRun.Status.FAILED,
          List.of(),
          "the sync failed unexpectedly: " + e);
    }
  }
}
