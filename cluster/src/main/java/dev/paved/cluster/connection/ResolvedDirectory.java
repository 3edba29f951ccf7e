package dev.paved.cluster.connection;

import dev.paved.core.target.ClusterRef;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The targets' clusters as {@link ClusterResolver} resolves them all at once (so two targets that
 * name one cluster differently are caught), again when the targets change and at most every {@code
 * ttl} otherwise (a context added to a kubeconfig, a Secret created). Thread-safe.
 */
public final class ResolvedDirectory implements ClusterConnections.Directory {

  private final Supplier<Map<String, ClusterRef>> targets;
  private final ClusterResolver resolver;
  private final Duration ttl;
  private final InstantSource clock;
  private volatile Resolved last = new Resolved(Map.of(), Map.of(), Instant.MIN);

  private record Resolved(
      Map<String, ClusterRef> targets, Map<String, ClusterResolution> clusters, Instant at) {}

  /**
   * @param targets the clusters the platform's targets name now, by target
   * @param resolver resolves them
   * @param ttl how long a resolution is kept while the targets stay the same
   */
  public ResolvedDirectory(
      Supplier<Map<String, ClusterRef>> targets,
      ClusterResolver resolver,
      Duration ttl,
      InstantSource clock) {
    this.targets = targets;
    this.resolver = resolver;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public ClusterResolution resolve(String target) {
    ClusterResolution found = current().clusters().get(target);
    return found != null
        ? found
        : new ClusterResolution.Misconfigured(
            "there is no target " + target + " on main",
            "add platform/targets/" + target + ".yaml, or point the environment at a target");
  }

  /** Every target's resolution as of now. */
  public Map<String, ClusterResolution> all() {
    return current().clusters();
  }

  private synchronized Resolved current() {
    Map<String, ClusterRef> now = Map.copyOf(targets.get());
    Instant instant = clock.instant();
    if (!now.equals(last.targets()) || !instant.isBefore(last.at().plus(ttl))) {
      last = new Resolved(now, Map.copyOf(resolver.resolveAll(now)), instant);
    }
    return last;
  }
}
