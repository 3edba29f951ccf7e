package dev.paved.server.platform;

import dev.paved.cluster.connection.Backoff;
import dev.paved.gitops.repo.RemoteMirror;
import dev.paved.server.config.ServerSettings;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the configured Git remote a mirror of the platform repository: pushed at once after each
 * merge, and every {@code period} for opened changes and retries (a remote that is down is tried
 * again after a backoff and never blocks a merge).
 */
public final class Mirroring implements AutoCloseable {

  private final RemoteMirror mirror;
  private final Semaphore wake = new Semaphore(0);
  private final Thread pusher;

  private Mirroring(RemoteMirror mirror, Duration period) {
    this.mirror = mirror;
    this.pusher = Thread.ofVirtual().name("paved-git-mirror").start(() -> loop(period));
  }

  public static Mirroring start(Backend backend, ServerSettings.GitRemote remote, Duration period) {
    RemoteMirror mirror =
        new RemoteMirror(
            backend.repo(),
            remote.url(),
            remote.credentials(),
            new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)),
            InstantSource.system());
    Mirroring mirroring = new Mirroring(mirror, period);
    backend.changes().onMerge(commit -> mirroring.wake.release());
    return mirroring;
  }

  private void loop(Duration period) {
    dev.paved.core.error.EdgeLog log =
        new dev.paved.core.error.EdgeLog(Mirroring.class, "mirroring the repository");
    while (!Thread.currentThread().isInterrupted()) {
      switch (mirror.push()) {
        case RemoteMirror.State.Behind behind -> log.failed(behind.reason());
        case RemoteMirror.State.InSync inSync -> log.succeeded();
      }
      try {
        wake.tryAcquire(period.toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Where the mirror stands. */
  public RemoteMirror.State state() {
    return mirror.state();
  }

  @Override
  public void close() {
    pusher.interrupt();
  }
}
