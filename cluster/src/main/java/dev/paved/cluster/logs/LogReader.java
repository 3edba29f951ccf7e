package dev.paved.cluster.logs;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads container logs in parallel, each within {@link #BOUND}. Its client is a copy of the given
 * one without retries: a node that cannot serve a log makes the API server answer 5xx at once, and
 * a client that retries that with backoff waits some 20 s per log for the same answer. Thread-safe;
 * close it to close its client.
 */
public final class LogReader implements AutoCloseable {

  /** How long one log read may take. */
  public static final Duration BOUND = Duration.ofSeconds(5);

  /** Reads at once, at most (a Job of hundreds of pods must not open hundreds of streams). */
  private static final int PARALLEL = 16;

  private final KubernetesClient client;
  private final Semaphore slots = new Semaphore(PARALLEL);

  private LogReader(KubernetesClient client) {
    this.client = client;
  }

  /** A reader with its own client: {@code client}'s cluster and credentials, no retries. */
  public static LogReader of(KubernetesClient client) {
    return new LogReader(
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(client.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .withRequestTimeout((int) BOUND.toMillis())
                    .build())
            .build());
  }

  /**
   * The last {@code tailLines} lines of each log, in the order asked; a log that cannot be read
   * within {@link #BOUND} is {@link ContainerLog.Unavailable} with the reason. Never throws but for
   * an interruption, which it passes on as the thread's interrupt flag.
   */
  public List<ContainerLog> read(List<LogSource> sources, int tailLines) {
    List<ContainerLog> logs = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ContainerLog>> reads = new ArrayList<>();
      for (LogSource source : sources) {
        reads.add(threads.submit(() -> bounded(source, tailLines)));
      }
      long deadline = System.nanoTime() + BOUND.toNanos() * (1 + sources.size() / PARALLEL);
      for (int i = 0; i < reads.size(); i++) {
        logs.add(await(reads.get(i), sources.get(i), deadline));
      }
      threads.shutdownNow();
    }
    return logs;
  }

  private ContainerLog bounded(LogSource source, int tailLines) throws InterruptedException {
    slots.acquire();
    try {
      return readOne(source, tailLines);
    } finally {
      slots.release();
    }
  }

  private ContainerLog await(Future<ContainerLog> read, LogSource source, long deadline) {
    try {
      return read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      read.cancel(true);
      return new ContainerLog.Unavailable(
          source, "the cluster did not send it within " + BOUND.toSeconds() + " s");
    } catch (ExecutionException e) {
      return new ContainerLog.Unavailable(source, LogReasons.why(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ContainerLog.Unavailable(source, "the read was interrupted");
    }
  }

  private ContainerLog readOne(LogSource source, int tailLines) {
    try {
      var container =
          client
              .pods()
              .inNamespace(source.namespace())
              .withName(source.pod())
              .inContainer(source.container());
      String text =
          source.previous()
              ? container.terminated().tailingLines(tailLines).getLog()
              : container.tailingLines(tailLines).getLog();
      return new ContainerLog.Read(source, text == null ? "" : text);
    } catch (KubernetesClientException e) {
      return new ContainerLog.Unavailable(source, LogReasons.why(e));
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
