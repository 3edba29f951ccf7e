package dev.paved.server.platform;

import dev.paved.cluster.connection.ClusterInventory;
import dev.paved.cluster.connection.ClusterResolution;
import dev.paved.cluster.connection.Errors;
import dev.paved.cluster.connection.Reachability;
import dev.paved.cluster.connection.TargetCluster;
import dev.paved.core.target.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target and its cluster as the server sees it now: which cluster the file names, whether it
 * answers, and what it offers. The platform page, {@code GET /api/v1/targets} and {@code paved
 * targets} show it.
 *
 * @param state {@code reachable}, {@code unreachable}, {@code misconfigured}, {@code unused} (no
 *     environment syncs to it) or {@code no-cluster} (the server runs without one)
 * @param detail the state in a sentence (the reason when not reachable)
 * @param hint how to fix it, when there is something to fix
 */
public record TargetStatus(
    Target target,
    String state,
    String detail,
    String hint,
    Optional<String> connection,
    Optional<ClusterInventory> inventory) {

  /** The status of {@code target}: probes its cluster (within its backoff) and reads its nodes. */
  public static TargetStatus of(Target target, Backend backend) {
    if (target.environments().isEmpty()) {
      return quiet(target, "unused", "no environment syncs to it, so it is not probed");
    }
    Optional<TargetCluster> cluster = backend.cluster(target.name());
    if (cluster.isEmpty()) {
      String why = backend.mode() instanceof ClusterMode.None n ? n.reason() : "no cluster";
      return quiet(target, "no-cluster", why);
    }
    return switch (cluster.get()) {
      case ClusterResolution.Misconfigured m ->
          new TargetStatus(
              target, "misconfigured", m.reason(), m.hint(), Optional.empty(), Optional.empty());
      case TargetCluster.Connected c -> connected(target, c);
    };
  }

  private static TargetStatus connected(Target target, TargetCluster.Connected c) {
    Optional<String> name = Optional.of(c.access().name());
    return switch (c.connection().check()) {
      case Reachability.Unreachable u ->
          new TargetStatus(
              target,
              "unreachable",
              "unreachable since " + u.since() + ": " + u.reason(),
              "check that the cluster is up and that the server's credentials are valid",
              name,
              Optional.empty());
      case Reachability.Reachable r -> {
        try {
          yield new TargetStatus(
              target,
              "reachable",
              "reachable since " + r.since().toString().substring(0, 19).replace('T', ' '),
              "",
              name,
              Optional.of(ClusterInventory.read(c.connection().client())));
        } catch (RuntimeException e) {
          yield new TargetStatus(
              target,
              "reachable",
              "reachable, but its nodes cannot be listed: " + Errors.rootMessage(e),
              "give the server's account permission to list nodes",
              name,
              Optional.empty());
        }
      }
    };
  }

  private static TargetStatus quiet(Target target, String state, String detail) {
    return new TargetStatus(target, state, detail, "", Optional.empty(), Optional.empty());
  }

  /** As {@code GET /api/v1/targets} shows it. */
  public Map<String, Object> view() {
    Map<String, Object> view =
        new LinkedHashMap<>(dev.paved.core.platform.PlatformViews.target(target));
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("names", target.cluster().describe());
    connection.ifPresent(c -> cluster.put("connection", c));
    cluster.put("state", state);
    cluster.put("detail", detail);
    if (!hint.isBlank()) {
      cluster.put("hint", hint);
    }
    inventory.ifPresent(
        i -> {
          cluster.put("kubernetesVersion", i.version());
          cluster.put("nodes", i.nodes());
          cluster.put("cpu", Math.round(i.cpu() * 10) / 10.0);
          cluster.put("memoryGiB", Math.round(i.memoryGiB()));
          cluster.put("gpus", i.gpus());
        });
    view.put("cluster", cluster);
    return view;
  }

  public List<String> envs() {
    return target.environments();
  }
}
