package dev.paved.cluster.connection;

import dev.paved.cluster.cache.ApiView;
import dev.paved.cluster.cache.ClusterCache;
import dev.paved.cluster.cache.LiveView;
import dev.paved.cluster.cache.WatchedKind;
import dev.paved.cluster.health.AppHealth;
import dev.paved.cluster.health.AppStatusReader;
import dev.paved.cluster.logs.LogReader;
import dev.paved.cluster.object.ObjectRef;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one connection to one target cluster: its client, its shared {@link ClusterCache} (started
 * once the cluster first answers) and its {@link Reachability}. {@link #check()} probes the API
 * server, but while the cluster is unreachable no more often than the {@link Backoff} allows;
 * {@link #health} makes every object Unknown while it is unreachable. Thread-safe.
 */
public final class ClusterConnection implements AutoCloseable {

  private final String target;
  private final Supplier<KubernetesClient> clients;
  private volatile KubernetesClient client;
  private volatile LogReader logs;
  private final Probe probe;
  private final Backoff backoff;
  private final InstantSource clock;
  private volatile Reachability reachability;
  private volatile Optional<ClusterCache> cache = Optional.empty();
  private final List<WatchedKind> kinds;

  ClusterConnection(
      Target target, Probe probe, Backoff backoff, InstantSource clock, List<WatchedKind> kinds) {
    this.target = target.name();
    this.clients = target.clients();
    this.client = clients.get();
    this.logs = LogReader.of(client);
    this.probe = probe;
    this.backoff = backoff;
    this.clock = clock;
    this.kinds = List.copyOf(kinds);
    this.reachability =
        new Reachability.Unreachable("not probed yet", clock.instant(), 0, Instant.MIN);
  }

  /**
   * A target's name and how to make a client for it: a new one replaces the old after the cluster
   * was lost, since a client whose connections died may keep failing on them.
   */
  record Target(String name, Supplier<KubernetesClient> clients) {}

  /**
   * Connects to a cluster described by a kubeconfig's text, with short timeouts and no client-side
   * retries (Paved retries with its own backoff), watching the kinds Paved manages.
   */
  public static ClusterConnection open(String target, String kubeconfig) {
    return of(target, () -> client(kubeconfig));
  }

  /**
   * Connects to a cluster through clients made by {@code clients} (a new one after each loss),
   * watching the kinds Paved manages, with the default backoff.
   */
  public static ClusterConnection of(String target, Supplier<KubernetesClient> clients) {
    return new ClusterConnection(
        new Target(target, clients),
        KubernetesClient::getKubernetesVersion,
        Backoff.DEFAULT,
        InstantSource.system(),
        WatchedKind.PAVED_KINDS);
  }

  /** A client from a fresh Config: a Config that served a lost client is not reused. */
  private static KubernetesClient client(String kubeconfig) {
    Config config = Config.fromKubeconfig(kubeconfig);
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(3_000);
    config.setRequestTimeout(15_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  public String target() {
    return target;
  }

  public KubernetesClient client() {
    return client;
  }

  /** Reads container logs of this cluster: in parallel, bounded, without retries. */
  public LogReader logs() {
    return logs;
  }

  /** The last known reachability, without probing. */
  public Reachability reachability() {
    return reachability;
  }

  /**
   * Probes the cluster unless it is unreachable and its backoff has not elapsed; starts the cache
   * on the first success. Never throws.
   */
  public synchronized Reachability check() {
    Instant now = clock.instant();
    if (reachability instanceof Reachability.Unreachable u && now.isBefore(u.nextTry())) {
      return u;
    }
    if (reachability instanceof Reachability.Unreachable u && u.failures() > 0) {
      reconnect();
    }
    try {
      probe.ping(client);
      if (!(reachability instanceof Reachability.Reachable)) {
        reachability = new Reachability.Reachable(now);
      }
      startCache();
    } catch (RuntimeException e) {
      reachability = unreachable(now, e);
    }
    return reachability;
  }

  private Reachability.Unreachable unreachable(Instant now, RuntimeException e) {
    int failures = 1;
    Instant since = now;
    if (reachability instanceof Reachability.Unreachable u && u.failures() > 0) {
      failures = u.failures() + 1;
      since = u.since();
    }
    return new Reachability.Unreachable(
        Errors.rootMessage(e), since, failures, now.plus(backoff.after(failures)));
  }

  /** Drops the client and cache of a lost cluster; the next success starts a fresh cache. */
  private void reconnect() {
    cache.ifPresent(ClusterCache::close);
    cache = Optional.empty();
    client.close();
    logs.close();
    client = clients.get();
    logs = LogReader.of(client);
  }

  private void startCache() {
    if (cache.isEmpty() && !kinds.isEmpty()) {
      cache = Optional.of(ClusterCache.start(client, kinds));
    }
  }

  /** The cache once started and synced, else the API server. */
  public LiveView view() {
    return cache.filter(ClusterCache::synced).<LiveView>map(c -> c).orElse(new ApiView(client));
  }

  public Optional<ClusterCache> cache() {
    return cache;
  }

  /**
   * The app's health; every object Unknown, with the reason, while the cluster is unreachable or
   * cannot be read. Never throws: the cluster may go away between the last probe and this read (a
   * read through the API server fails), or its client may be replaced under the read.
   */
  public AppHealth health(List<ObjectRef> refs) {
    if (reachability instanceof Reachability.Unreachable u) {
      return AppStatusReader.allUnknown(
          refs, "cluster " + target + " is unreachable since " + u.since() + ": " + u.reason());
    }
    try {
      return new AppStatusReader(view()).read(refs);
    } catch (RuntimeException e) {
      return AppStatusReader.allUnknown(
          refs, "cluster " + target + " could not be read: " + Errors.rootMessage(e));
    }
  }

  @Override
  public void close() {
    cache.ifPresent(ClusterCache::close);
    logs.close();
    client.close();
  }
}
