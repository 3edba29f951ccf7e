package dev.paved.gitops.sync;

import dev.paved.cluster.connection.Backoff;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Keeps each environment synced to main: a virtual thread per environment wakes on a merge ({@link
 * #merged}) or every {@code period}, and syncs the newest main revision when the environment's
 * rules turn auto-sync on — never an older one: a failed run is retried with backoff, but each
 * retry reads main again. Stopping waits for running syncs to finish.
 */
public final class SyncLoop implements AutoCloseable {

  private final GitRepository repo;
  private final EnvironmentSyncer syncer;
  private final Duration period;
  private final Backoff backoff;
  private final Map<String, BlockingQueue<Trigger>> queues = new ConcurrentHashMap<>();
  private final Map<String, Thread> threads = new ConcurrentHashMap<>();
  private final List<Consumer<List<SyncRun>>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean running = true;

  public SyncLoop(GitRepository repo, EnvironmentSyncer syncer, Duration period, Backoff backoff) {
    this.repo = repo;
    this.syncer = syncer;
    this.period = period;
    this.backoff = backoff;
  }

  /** Starts the loop of one environment (idempotent). */
  public void start(String env) {
    queues.computeIfAbsent(env, e -> new LinkedBlockingQueue<>());
    threads.computeIfAbsent(
        env, e -> Thread.ofVirtual().name("paved-sync-" + e).start(() -> loop(e)));
  }

  /** Calls {@code listener} with the runs of every sync. */
  public void onSync(Consumer<List<SyncRun>> listener) {
    listeners.add(listener);
  }

  /** Wakes every environment: main moved. */
  public void merged(String commit) {
    queues.values().forEach(q -> q.offer(Trigger.MERGE));
  }

  /** Wakes every environment for a full pass (this replica took over shards). */
  public void wake() {
    queues.values().forEach(q -> q.offer(Trigger.TAKEOVER));
  }

  /**
   * Wakes every environment when main moves under this process: another replica merged into the
   * shared repository. Reading a ref every {@code interval} costs one small file read.
   */
  public void followMain(Duration interval) {
    watcher =
        Optional.of(
            Thread.ofVirtual()
                .name("paved-sync-main")
                .start(
                    () -> {
                      Optional<ObjectId> seen = repo.resolve(GitRepository.MAIN);
                      while (running) {
                        try {
                          Thread.sleep(interval);
                        } catch (InterruptedException e) {
                          return;
                        }
                        try {
                          Optional<ObjectId> now = repo.resolve(GitRepository.MAIN);
                          if (!now.equals(seen)) {
                            seen = now;
                            now.ifPresent(c -> merged(c.name()));
                          }
                          mainWatch.succeeded();
                        } catch (RuntimeException e) {
                          mainWatch.failed(e); // the shared volume hiccuped: read again next time
                        }
                      }
                    }));
  }

  private volatile Optional<Thread> watcher = Optional.empty();
  private final dev.paved.core.error.EdgeLog mainWatch =
      new dev.paved.core.error.EdgeLog(SyncLoop.class, "following main");
  private final java.util.Map<String, dev.paved.core.error.EdgeLog> edges =
      new java.util.concurrent.ConcurrentHashMap<>();

  private dev.paved.core.error.EdgeLog edge(String env) {
    return edges.computeIfAbsent(
        env, e -> new dev.paved.core.error.EdgeLog(SyncLoop.class, "syncing " + e));
  }

  private void loop(String env) {
    BlockingQueue<Trigger> queue = queues.get(env);
    int failures = 0;
    Trigger trigger = Trigger.PERIODIC;
    Optional<ObjectId> known = Optional.empty();
    while (running) {
      // a ref that cannot be read is synced at the last tip seen: that sync fails to read the
      // repository too, and says so on every app
      Optional<ObjectId> read = tip();
      if (read.isPresent()) {
        known = read;
      }
      Optional<ObjectId> tip = known;
      if (tip.isPresent() && autoSync(env, tip.get())) {
        List<SyncRun> runs = syncOnce(env, tip.get().name(), trigger);
        listeners.forEach(l -> l.accept(runs));
        failures = runs.stream().anyMatch(r -> r.status().retryable()) ? failures + 1 : 0;
      }
      Duration wait = failures > 0 ? backoff.after(failures) : period;
      try {
        Trigger next = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        queue.clear();
        trigger = next != null ? next : failures > 0 ? Trigger.RETRY : Trigger.PERIODIC;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Main's commit; none while the repository cannot be read (the loop tries again later). */
  private Optional<ObjectId> tip() {
    try {
      return repo.resolve(GitRepository.MAIN);
    } catch (RuntimeException e) {
      mainWatch.failed(e);
      return Optional.empty();
    }
  }

  /**
   * Whether the environment syncs by itself; a main that cannot be read is synced anyway, so that
   * the sync marks its apps with the reason instead of going quiet.
   */
  private boolean autoSync(String env, ObjectId tip) {
    try {
      return RepoRenderer.environmentsOf(repo.read(tip)).of(env).autoSync();
    } catch (RuntimeException e) {
      return true;
    }
  }

  private List<SyncRun> syncOnce(String env, String revision, Trigger trigger) {
    try {
      List<SyncRun> runs = syncer.sync(env, revision, trigger);
      edge(env).succeeded();
      return runs;
    } catch (RuntimeException e) {
      // a platform that no longer loads: nothing is applied; the periodic check tries again
      edge(env).failed(e);
      return List.of();
    }
  }

  @Override
  public void close() {
    running = false;
    watcher.ifPresent(Thread::interrupt);
    threads.values().forEach(Thread::interrupt);
    threads
        .values()
        .forEach(
            t -> {
              try {
                t.join(Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }
}
