package dev.paved.cli;

import dev.paved.server.config.ServerSettings;
import dev.paved.server.config.SettingsLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of {@code paved up} and {@code paved server}; see docs/server.md for all settings.
 */
final class ServerOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory (database, repository, sandbox). Default: ~/.paved; env PAVED_DATA_DIR.")
  Path dataDir;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to listen on. Default: 127.0.0.1; env PAVED_HOST.")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port (0: any free one). Default: 8420; env PAVED_PORT.")
  String port;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "PostgreSQL (jdbc:postgresql://HOST:PORT/DB) instead of the embedded H2 file database; env PAVED_DB_URL. User and password: PAVED_DB_USER, PAVED_DB_PASSWORD or the settings file.")
  String db;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Sync to this kubeconfig context instead of the sandbox; env PAVED_CONTEXT.")
  String context;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig for --context. Default: ~/.kube/config; env PAVED_KUBECONFIG.")
  Path kubeconfig;

  @Option(
      names = "--no-cluster",
      description = "Start without any cluster: apps are rendered, not synced.")
  boolean noCluster;

  @Option(
      names = "--sandbox-dir",
      paramLabel = "DIR",
      description =
          "The sandbox's data directory (paved up). Default: <data-dir>/sandbox; env PAVED_SANDBOX_DIR.")
  Path sandboxDir;

  @Option(
      names = "--clusters",
      paramLabel = "N",
      description = {
        "Sandboxes to run, one per target (paved up): 1 (default) serves dev, staging and",
        "prod; 2 puts prod on a second, EKS-like sandbox; 3 gives every environment its own.",
        "Writes the target files to main when they are missing; env PAVED_CLUSTERS."
      })
  String clusters;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file (YAML). Default: <data-dir>/server.yaml when it exists.")
  Path config;

  ServerSettings settings(String defaultCluster) {
    Map<String, String> flags = new LinkedHashMap<>();
    Optional.ofNullable(dataDir).ifPresent(d -> flags.put("data-dir", d.toString()));
    Optional.ofNullable(host).ifPresent(h -> flags.put("host", h));
    Optional.ofNullable(port).ifPresent(p -> flags.put("port", p));
    Optional.ofNullable(db).ifPresent(d -> flags.put("db.url", d));
    Optional.ofNullable(context).ifPresent(c -> flags.put("context", c));
    Optional.ofNullable(kubeconfig).ifPresent(k -> flags.put("kubeconfig", k.toString()));
    Optional.ofNullable(sandboxDir).ifPresent(d -> flags.put("sandbox-dir", d.toString()));
    Optional.ofNullable(clusters).ifPresent(n -> flags.put("clusters", n));
    if (noCluster) {
      flags.put("cluster", "none");
    }
    return SettingsLoader.load(
        flags, System.getenv(), Optional.ofNullable(config), Map.of("cluster", defaultCluster));
  }
}
