package dev.paved.server.ha;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Competes for the leadership of each shard through a {@code Lease} named {@code paved-shard-ID}:
 * the holder renews it every {@code retry}; when it stops (the replica died or lost the API server
 * for longer than {@code renewDeadline}), another replica takes the shard once the lease has not
 * been renewed for {@code leaseDuration}. A replica that stops cleanly releases its leases at once.
 *
 * <p>Thread-safe. The owner is told through {@code gained} and {@code lost} (from one thread, in
 * order); on {@code lost} it must stop working on the shard: that happens within {@code
 * renewDeadline} of the last time the lease was seen held, before it can run out for the others.
 */
public final class ShardLeases implements AutoCloseable {

  /** How fast a dead holder's shards move: about {@code leaseDuration} plus one {@code retry}. */
  public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retry) {

    public static final Timing DEFAULT =
        new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  /** Shards the elector says this replica leads. */
  private final Set<String> leading = ConcurrentHashMap.newKeySet();

  /** Shards this replica may work on: leading, and its lease seen held by it lately. */
  private final Set<String> owned = ConcurrentHashMap.newKeySet();

  /** When the API server last showed this replica holding each shard's lease. */
  private final Map<String, java.time.Instant> confirmed = new ConcurrentHashMap<>();

  private volatile boolean open = true;
  private final Map<String, CompletableFuture<?>> running = new ConcurrentHashMap<>();
  private final Map<String, String> leaders = new ConcurrentHashMap<>();
  private final String identity;

  private ShardLeases(String identity) {
    this.identity = identity;
  }

  /**
   * The fence: the elector's own renew deadline is only checked between its calls, and a call to an
   * unreachable API server can hang in client retries far longer than a lease lasts. So every
   * {@code retry} the lease is read (on its own virtual thread), and a shard whose lease was not
   * seen held by this replica within {@code renewDeadline} is given up here, before the lease can
   * run out for the others.
   */
  private void fence(
      KubernetesClient client,
      String namespace,
      Timing timing,
      Consumer<String> gained,
      Consumer<String> lost) {
    while (open) {
      java.time.Instant now = java.time.Instant.now();
      for (String shard : leading) {
        Thread.ofVirtual().start(() -> confirm(client, namespace, shard));
      }
      for (String shard : Set.copyOf(leading)) {
        boolean fresh =
            confirmed
                .getOrDefault(shard, java.time.Instant.EPOCH)
                .plus(timing.renewDeadline())
                .isAfter(now);
        if (fresh && owned.add(shard)) {
          gained.accept(shard);
        } else if (!fresh && owned.remove(shard)) {
          lost.accept(shard);
        }
      }
      for (String shard : Set.copyOf(owned)) {
        if (!leading.contains(shard) && owned.remove(shard)) {
          lost.accept(shard);
        }
      }
      try {
        Thread.sleep(timing.retry());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void confirm(KubernetesClient client, String namespace, String shard) {
    java.time.Instant asked = java.time.Instant.now();
    try {
      io.fabric8.kubernetes.api.model.coordination.v1.Lease lease =
          client
              .resources(io.fabric8.kubernetes.api.model.coordination.v1.Lease.class)
              .inNamespace(namespace)
              .withName("paved-shard-" + shard)
              .get();
      if (lease != null && identity.equals(lease.getSpec().getHolderIdentity())) {
        confirmed.merge(shard, asked, (a, b) -> a.isAfter(b) ? a : b);
      }
    } catch (RuntimeException e) {
      // not confirmed: the fence gives the shard up when this goes on for renewDeadline
    }
  }

  /**
   * Starts competing for every shard.
   *
   * @param namespace where the Lease objects live (the server's own namespace)
   * @param identity this replica's name (its pod name), as the Lease's holder
   */
  public static ShardLeases start(
      KubernetesClient client,
      String namespace,
      String identity,
      List<String> shards,
      Timing timing,
      Consumer<String> gained,
      Consumer<String> lost) {
    ShardLeases leases = new ShardLeases(identity);
    Executor executor = Executors.newVirtualThreadPerTaskExecutor();
    for (String shard : shards) {
      LeaderElector elector =
          new LeaderElector(
              client,
              new LeaderElectionConfigBuilder()
                  .withName("paved-shard-" + shard)
                  .withLock(new LeaseLock(namespace, "paved-shard-" + shard, identity))
                  .withLeaseDuration(timing.leaseDuration())
                  .withRenewDeadline(timing.renewDeadline())
                  .withRetryPeriod(timing.retry())
                  .withReleaseOnCancel(true)
                  .withLeaderCallbacks(
                      new LeaderCallbacks(
                          () -> {
                            leases.confirmed.put(shard, java.time.Instant.now());
                            leases.leading.add(shard);
                          },
                          () -> leases.leading.remove(shard),
                          leader -> leases.leaders.put(shard, leader)))
                  .build(),
              executor);
      leases.running.put(shard, elector.start());
    }
    leases.fencer =
        Thread.ofVirtual()
            .name("paved-shard-fence")
            .start(() -> leases.fence(client, namespace, timing, gained, lost));
    return leases;
  }

  /** The shards this replica leads now. */
  public Set<String> owned() {
    return Set.copyOf(new TreeSet<>(owned));
  }

  /** The leader of each shard as last seen (this replica's view). */
  public Map<String, String> leaders() {
    return Map.copyOf(leaders);
  }

  /** Stops competing and releases every lease this replica holds (a clean shutdown). */
  private volatile Thread fencer;

  @Override
  public void close() {
    open = false;
    Thread fence = fencer;
    if (fence != null) {
      fence.interrupt();
    }
    running.values().forEach(f -> f.cancel(true));
    running.clear();
    leading.clear();
    owned.clear();
  }
}
