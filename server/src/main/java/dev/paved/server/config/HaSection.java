package dev.paved.server.config;

import dev.paved.core.error.UsageException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code ha.*} settings: shard leases between replicas. */
final class HaSection {

  private HaSection() {}

  /**
   * Shard leases when {@code ha.enabled} is true. The identity defaults to the pod's name ({@code
   * POD_NAME}, set by the chart) or the host name; the namespace to the pod's ({@code
   * POD_NAMESPACE}) or {@code paved}.
   */
  static Optional<dev.paved.server.ha.HaSettings> parse(
      Map<String, String> values, ClusterKind cluster) {
    String enabled = values.getOrDefault("ha.enabled", "false");
    if (!List.of("true", "false").contains(enabled)) {
      throw new UsageException("ha.enabled is '" + enabled + "'", "use true or false");
    }
    if (enabled.equals("false")) {
      List<String> stray =
          values.keySet().stream()
              .filter(k -> k.startsWith("ha.") && !k.equals("ha.enabled"))
              .sorted()
              .toList();
      if (!stray.isEmpty()) {
        throw new UsageException(
            stray + " set without ha.enabled: true", "set ha.enabled: true, or remove them");
      }
      return Optional.empty();
    }
    if (cluster == ClusterKind.NONE || cluster == ClusterKind.SANDBOX) {
      throw new UsageException(
          "ha.enabled needs a shared cluster for its leases, but cluster is " + cluster,
          "set cluster to in-cluster or kubeconfig");
    }
    int split =
        SettingsFile.number(
            values.getOrDefault("ha.shards-per-target", "1"), "ha.shards-per-target");
    if (split < 1 || split > 256) {
      throw new UsageException(
          "ha.shards-per-target is " + split, "use 1 to 256 (1: one shard per target)");
    }
    int lease =
        SettingsFile.number(values.getOrDefault("ha.lease-seconds", "15"), "ha.lease-seconds");
    if (lease < 3 || lease > 600) {
      throw new UsageException(
          "ha.lease-seconds is " + lease,
          "use 3 to 600: a dead replica's shards move after about this long");
    }
    java.time.Duration duration = java.time.Duration.ofSeconds(lease);
    return Optional.of(
        new dev.paved.server.ha.HaSettings(
            Optional.ofNullable(values.get("ha.namespace"))
                .or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE")))
                .orElse("paved"),
            Optional.ofNullable(values.get("ha.identity"))
                .or(() -> Optional.ofNullable(System.getenv("POD_NAME")))
                .orElse(hostIdentity()),
            split,
            new dev.paved.server.ha.ShardLeases.Timing(
                duration, duration.multipliedBy(2).dividedBy(3), duration.dividedBy(7))));
  }

  private static String hostIdentity() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName()
          + "-"
          + ProcessHandle.current().pid();
    } catch (java.net.UnknownHostException e) {
      return "paved-" + ProcessHandle.current().pid();
    }
  }
}
