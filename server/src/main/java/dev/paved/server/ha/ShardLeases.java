package dev.paved.server.ha;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
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
 * Every replica also reads all shard leases every {@code retry}, so it can say which shards have no
 * live owner ({@link #owners}).
 */
public final class ShardLeases implements AutoCloseable {

  private final dev.paved.core.error.EdgeLog heartbeat =
      new dev.paved.core.error.EdgeLog(ShardLeases.class, "renewing this replica's member lease");
  private final dev.paved.core.error.EdgeLog leaseReads =
      new dev.paved.core.error.EdgeLog(ShardLeases.class, "reading the shard leases");

  public static final String PREFIX = "paved-shard-";

  /** Each live replica renews a Lease of this prefix, so every replica can count them. */
  public static final String MEMBER_PREFIX = "paved-replica-";

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
  private final Map<String, Instant> confirmed = new ConcurrentHashMap<>();

  private final Map<String, CompletableFuture<?>> running = new ConcurrentHashMap<>();
  private final Map<String, String> leaders = new ConcurrentHashMap<>();

  /** Shards given up to balance the load, and when this replica competes for them again. */
  private final Map<String, Parked> parked = new ConcurrentHashMap<>();

  private volatile Instant lastBalanced = Instant.EPOCH;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final KubernetesClient client;
  private final String namespace;
  private final String identity;
  private final Timing timing;
  private volatile boolean open = true;
  private volatile Thread fencer;
  private volatile Owners owners = Owners.unread("the leases were not read yet");

  private ShardLeases(KubernetesClient client, String namespace, String identity, Timing timing) {
    this.client = client;
    this.namespace = namespace;
    this.identity = identity;
    this.timing = timing;
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
    ShardLeases leases = new ShardLeases(client, namespace, identity, timing);
    leases.compete(shards);
    leases.fencer =
        Thread.ofVirtual().name("paved-shard-fence").start(() -> leases.fence(gained, lost));
    return leases;
  }

  /**
   * Competes for these shards too (a target was added on main); known ones are left as they are.
   */
  public synchronized void compete(Collection<String> shards) {
    for (String shard : shards) {
      if (open && !running.containsKey(shard) && !parked.containsKey(shard)) {
        start(shard);
      }
    }
  }

  /**
   * Runs one election for the shard. fabric8's elector ends when it loses the lead (renewal past
   * the deadline, or another took the lease); then a new one competes again, unless the shard was
   * given up or this replica is stopping.
   */
  private void start(String shard) {
    CompletableFuture<?> election = elector(shard).start();
    running.put(shard, election);
    election.whenComplete(
        (done, failed) -> {
          leading.remove(shard);
          synchronized (this) {
            if (open && running.remove(shard, election) && !parked.containsKey(shard)) {
              start(shard);
            }
          }
        });
  }

  private LeaderElector elector(String shard) {
    return new LeaderElector(
        client,
        new LeaderElectionConfigBuilder()
            .withName(PREFIX + shard)
            .withLock(new LeaseLock(namespace, PREFIX + shard, identity))
            .withLeaseDuration(timing.leaseDuration())
            .withRenewDeadline(timing.renewDeadline())
            .withRetryPeriod(timing.retry())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(
                new LeaderCallbacks(
                    () -> {
                      confirmed.put(shard, Instant.now());
                      leading.add(shard);
                    },
                    () -> leading.remove(shard),
                    leader -> {
                      if (leader == null) {
                        leaders.remove(shard); // released
                      } else {
                        leaders.put(shard, leader);
                      }
                    }))
            .build(),
        executor);
  }

  /**
   * The fence: the elector's own renew deadline is only checked between its calls, and a call to an
   * unreachable API server can hang in client retries far longer than a lease lasts. So every
   * {@code retry} the leases are read (on their own virtual thread), and a shard whose lease was
   * not seen held by this replica within {@code renewDeadline} is given up here, before the lease
   * can run out for the others.
   */
  private void fence(Consumer<String> gained, Consumer<String> lost) {
    while (open) {
      Instant now = Instant.now();
      if (!shards().isEmpty()) {
        Thread.ofVirtual().start(this::heartbeat); // counted only when it competes
      }
      Thread.ofVirtual().start(this::readLeases);
      for (String shard : Set.copyOf(leading)) {
        boolean fresh =
            confirmed.getOrDefault(shard, Instant.EPOCH).plus(timing.renewDeadline()).isAfter(now);
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
      balance(now, lost);
      try {
        Thread.sleep(timing.retry());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Evens the load out: when another live replica holds at least two shards fewer than this one,
   * one shard is given up for it (dropped here first, then its lease released; the replica that has
   * fewer takes it within a retry). One shard per lease duration, so replicas that come and go do
   * not churn. A given-up shard is competed for again after two lease durations, or at once when
   * nobody took it within three retries or whoever took it stopped renewing.
   */
  private void balance(Instant now, Consumer<String> lost) {
    Owners seen = owners;
    boolean current = seen.problem().isEmpty() && seen.readAt().isPresent();
    if (current && lastBalanced.plus(timing.leaseDuration()).isBefore(now)) {
      int mine = owned.size();
      Map<String, Integer> held = seen.liveShardsByHolder(now);
      boolean someoneHasFewer =
          seen.members().stream()
              .filter(m -> m.live(now) && !m.identity().equals(identity))
              .anyMatch(m -> held.getOrDefault(m.identity(), 0) < mine - 1);
      if (someoneHasFewer) {
        lastBalanced = now;
        giveUp(new TreeSet<>(owned).last(), now, lost);
      }
    }
    parked.forEach(
        (shard, given) -> {
          Holder holder = seen.holders().get(shard);
          boolean free =
              holder == null
                  || holder.identity().isEmpty()
                  || (holder.identity().equals(identity) && !holder.live(now)); // released here
          boolean orphaned =
              current
                  && (free
                      ? given.at().plus(timing.retry().multipliedBy(3)).isBefore(now)
                      : !holder.identity().equals(identity) && !holder.live(now));
          if ((given.until().isBefore(now) || orphaned) && parked.remove(shard, given)) {
            compete(List.of(shard));
          }
        });
  }

  private void giveUp(String shard, Instant now, Consumer<String> lost) {
    owned.remove(shard);
    lost.accept(shard);
    leading.remove(shard);
    parked.put(shard, new Parked(now, now.plus(timing.leaseDuration().multipliedBy(2))));
    CompletableFuture<?> elector = running.remove(shard);
    if (elector != null) {
      // releases the lease: a GET and an update, off the fence's thread
      executor.execute(() -> elector.cancel(true));
    }
  }

  /** A shard given up at {@code at}, competed for again at {@code until} at the latest. */
  private record Parked(Instant at, Instant until) {}

  /** Renews this replica's member lease (created on the first beat, deleted on close). */
  private void heartbeat() {
    try {
      Lease lease =
          new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
              .withNewMetadata()
              .withName(memberLease())
              .withNamespace(namespace)
              .endMetadata()
              .withNewSpec()
              .withHolderIdentity(identity)
              .withLeaseDurationSeconds((int) Math.max(1, timing.leaseDuration().toSeconds()))
              .withRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
              .endSpec()
              .build();
      client.resource(lease).fieldManager("paved-replica").forceConflicts().serverSideApply();
      heartbeat.succeeded();
    } catch (RuntimeException e) {
      // not counted by the others until it works again: they keep their shards meanwhile
      heartbeat.failed(e);
    }
  }

  private String memberLease() {
    String name = identity.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return (MEMBER_PREFIX + name)
        .substring(0, Math.min(253, MEMBER_PREFIX.length() + name.length()));
  }

  /** One LIST of the namespace's leases: confirms this replica's and records every holder. */
  private void readLeases() {
    Instant asked = Instant.now();
    try {
      Map<String, Holder> holders = new TreeMap<>();
      List<Holder> members = new java.util.ArrayList<>();
      for (Lease lease : client.resources(Lease.class).inNamespace(namespace).list().getItems()) {
        String name = lease.getMetadata().getName();
        if (name.startsWith(MEMBER_PREFIX) && lease.getSpec() != null) {
          members.add(Holder.of(lease));
        }
        if (!name.startsWith(PREFIX) || lease.getSpec() == null) {
          continue;
        }
        String shard = name.substring(PREFIX.length());
        Holder holder = Holder.of(lease);
        holders.put(shard, holder);
        if (identity.equals(holder.identity())) {
          if (holder.live(asked)) {
            // held as of its last renewal, not as of this read: a stalled renewal is not confirmed
            Instant renewed = holder.renewed().filter(r -> r.isBefore(asked)).orElse(asked);
            confirmed.merge(shard, renewed, (a, b) -> a.isAfter(b) ? a : b);
          }
        }
      }
      owners = new Owners(Optional.of(asked), holders, List.copyOf(members), "");
      leaseReads.succeeded();
    } catch (RuntimeException e) {
      leaseReads.failed(e);
      // not confirmed: the fence gives owned shards up when this goes on for renewDeadline
      Owners before = owners;
      owners =
          new Owners(
              before.readAt(), before.holders(), before.members(), String.valueOf(e.getMessage()));
    }
  }

  /** Whether this replica may work on the shard now. */
  public boolean owns(String shard) {
    return owned.contains(shard);
  }

  /** The shards this replica leads now. */
  public Set<String> owned() {
    return Set.copyOf(new TreeSet<>(owned));
  }

  /** The leader of each shard as last seen (this replica's view). */
  public Map<String, String> leaders() {
    return Map.copyOf(leaders);
  }

  /** This replica's name, as it appears in the leases it holds. */
  public String identity() {
    return identity;
  }

  /** The shards this replica competes for (or will again, after giving them to another). */
  public Set<String> shards() {
    Set<String> all = new TreeSet<>(running.keySet());
    all.addAll(parked.keySet());
    return all;
  }

  /** Who holds each shard, as last read. */
  public Owners owners() {
    return owners;
  }

  /**
   * A shard's lease holder and its last renewal.
   *
   * @param identity empty when the lease was released
   */
  public record Holder(String identity, Optional<Instant> renewed, Duration leaseDuration) {

    static Holder of(Lease lease) {
      var spec = lease.getSpec();
      return new Holder(
          Optional.ofNullable(spec.getHolderIdentity()).orElse(""),
          Optional.ofNullable(spec.getRenewTime()).map(t -> t.toInstant()),
          Duration.ofSeconds(
              Optional.ofNullable(spec.getLeaseDurationSeconds())
                  .map(Integer::longValue)
                  .orElse(0L)));
    }

    /** Held, and renewed within its duration (plus a little for clock skew). */
    public boolean live(Instant now) {
      return !identity.isEmpty()
          && renewed.map(r -> r.plus(leaseDuration).plusSeconds(1).isAfter(now)).orElse(false);
    }
  }

  /**
   * The holders of every shard lease, as read at {@code readAt}.
   *
   * @param problem why the last read failed, or empty
   */
  public record Owners(
      Optional<Instant> readAt, Map<String, Holder> holders, List<Holder> members, String problem) {

    static Owners unread(String why) {
      return new Owners(Optional.empty(), Map.of(), List.of(), why);
    }

    /** How many shards each replica holds, counting only leases renewed lately. */
    public Map<String, Integer> liveShardsByHolder(Instant now) {
      Map<String, Integer> held = new TreeMap<>();
      holders.values().stream()
          .filter(h -> h.live(now))
          .forEach(h -> held.merge(h.identity(), 1, Integer::sum));
      return held;
    }

    /** Why nobody syncs the shard now, if so, in words. */
    public Optional<String> withoutOwner(String shard, Instant now) {
      if (!problem.isEmpty()) {
        return Optional.of(
            "the owner of shard " + shard + " is not known: the leases cannot be read: " + problem);
      }
      Holder holder = holders.get(shard);
      if (holder == null || holder.identity().isEmpty()) {
        return Optional.of("shard " + shard + " has no owner: no replica holds its lease");
      }
      if (!holder.live(now)) {
        return Optional.of(
            "shard "
                + shard
                + " has no live owner: its lease was last renewed by "
                + holder.identity()
                + holder.renewed().map(r -> " at " + r).orElse("")
                + "; no other replica has taken it over");
      }
      return Optional.empty();
    }
  }

  /** Stops competing and releases every lease this replica holds (a clean shutdown). */
  @Override
  public synchronized void close() {
    open = false;
    Thread fence = fencer;
    if (fence != null) {
      fence.interrupt();
    }
    running.values().forEach(f -> f.cancel(true));
    running.clear();
    parked.clear();
    leading.clear();
    owned.clear();
    try {
      client.resources(Lease.class).inNamespace(namespace).withName(memberLease()).delete();
    } catch (RuntimeException e) {
      // it runs out by itself within a lease duration
    }
  }
}
