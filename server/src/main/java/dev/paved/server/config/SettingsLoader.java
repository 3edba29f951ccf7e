package dev.paved.server.config;

import dev.paved.core.error.UsageException;
import dev.paved.server.db.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the server's settings from three sources, the first that sets a key winning: flags, then
 * environment variables ({@code PAVED_<KEY>}, dots and dashes as underscores), then the settings
 * file ({@code --config FILE}, or {@code <data-dir>/server.yaml} when it exists), then defaults.
 */
public final class SettingsLoader {

  /** Every key, in the file's spelling. */
  public static final List<String> KEYS =
      List.of(
          "data-dir",
          "host",
          "port",
          "db.url",
          "db.user",
          "db.password",
          "db.schema",
          "repository",
          "sandbox-dir",
          "clusters",
          "cluster",
          "kubeconfig",
          "context",
          "public-url",
          "oidc.issuer",
          "oidc.client-id",
          "oidc.client-secret",
          "oidc.user-claim",
          "oidc.platform-group",
          "oidc.viewer-group",
          "ha.enabled",
          "ha.namespace",
          "ha.identity",
          "ha.shards-per-target",
          "ha.lease-seconds",
          "git.remote",
          "git.token-file",
          "git.ssh-key-file",
          "git.known-hosts-file",
          "sync.parallel-apps");

  private SettingsLoader() {}

  /**
   * @param flags keys as in {@link #KEYS} set on the command line
   * @param env the process environment
   * @param configFile {@code --config}, if given
   */
  public static ServerSettings load(
      Map<String, String> flags, Map<String, String> env, Optional<Path> configFile) {
    return load(flags, env, configFile, Map.of());
  }

  /** As {@link #load(Map, Map, Optional)}, with {@code defaults} below every source. */
  public static ServerSettings load(
      Map<String, String> flags,
      Map<String, String> env,
      Optional<Path> configFile,
      Map<String, String> defaults) {
    Map<String, String> fromEnv = new LinkedHashMap<>();
    for (String key : KEYS) {
      String name =
          "PAVED_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
      Optional.ofNullable(env.get(name))
          .filter(v -> !v.isBlank())
          .ifPresent(v -> fromEnv.put(key, v));
    }
    Path dataDir =
        Path.of(
            Optional.ofNullable(flags.get("data-dir"))
                .or(() -> Optional.ofNullable(fromEnv.get("data-dir")))
                .orElse(Path.of(System.getProperty("user.home"), ".paved").toString()));
    Optional<Path> file =
        configFile.or(
            () -> Optional.of(dataDir.resolve("server.yaml")).filter(Files::isRegularFile));
    Map<String, String> fromFile = file.map(SettingsFile::read).orElse(Map.of());
    Map<String, String> merged = new LinkedHashMap<>(fromFile);
    merged.putAll(fromEnv);
    merged.putAll(flags);
    boolean kubeconfigNamed = merged.containsKey("context") || merged.containsKey("kubeconfig");
    defaults.forEach(
        (key, value) -> {
          if (!(key.equals("cluster") && kubeconfigNamed)) {
            merged.putIfAbsent(key, value);
          }
        });
    return settings(dataDir, merged);
  }

  private static ServerSettings settings(Path dataDir, Map<String, String> values) {
    int port = port(values.getOrDefault("port", String.valueOf(ServerSettings.DEFAULT_PORT)));
    DatabaseSettings database =
        values.containsKey("db.url")
            ? new DatabaseSettings(
                values.get("db.url"),
                values.getOrDefault("db.user", "paved"),
                values.getOrDefault("db.password", ""),
                Optional.ofNullable(values.get("db.schema")))
            : DatabaseSettings.embedded(dataDir);
    if (!database.url().startsWith("jdbc:h2:") && !database.postgres()) {
      throw new UsageException(
          "db.url " + database.shown() + " is neither H2 nor PostgreSQL",
          "use jdbc:postgresql://HOST:PORT/DB, or leave it out for the embedded database");
    }
    String spelled =
        values.getOrDefault(
            "cluster",
            values.containsKey("context") || values.containsKey("kubeconfig")
                ? "kubeconfig"
                : "sandbox");
    ClusterKind cluster =
        ClusterKind.parse(spelled)
            .orElseThrow(
                () ->
                    new UsageException(
                        "cluster is '" + spelled + "'",
                        "use sandbox, kubeconfig, in-cluster or none"));
    return new ServerSettings(
        dataDir,
        values.getOrDefault("host", "127.0.0.1"),
        port,
        database,
        Path.of(values.getOrDefault("repository", dataDir.resolve("platform.git").toString())),
        Path.of(values.getOrDefault("sandbox-dir", dataDir.resolve("sandbox").toString())),
        cluster,
        Optional.ofNullable(values.get("kubeconfig")).map(Path::of),
        Optional.ofNullable(values.get("context")),
        OidcSection.parse(values),
        HaSection.parse(values, cluster),
        GitRemoteSection.parse(values),
        parallelApps(values),
        sandboxes(values, cluster));
  }

  /** {@code clusters}: how many sandboxes {@code paved up} runs, one per target (1 to 3). */
  private static int sandboxes(Map<String, String> values, ClusterKind cluster) {
    if (!values.containsKey("clusters")) {
      return 1;
    }
    if (cluster != ClusterKind.SANDBOX) {
      throw new UsageException(
          "clusters is set, but the server does not run sandboxes (cluster is " + cluster + ")",
          "leave clusters out; with your own clusters, name each in its target file");
    }
    int clusters = SettingsFile.number(values.get("clusters"), "clusters");
    if (clusters < 1 || clusters > dev.paved.gitops.change.SandboxTargets.MAX) {
      throw new UsageException(
          "clusters is " + clusters,
          "use 1 (one sandbox), 2 (prod on its own) or 3 (one per environment)");
    }
    return clusters;
  }

  private static int parallelApps(Map<String, String> values) {
    int parallel =
        SettingsFile.number(
            values.getOrDefault(
                "sync.parallel-apps",
                String.valueOf(dev.paved.gitops.sync.EnvironmentSyncer.DEFAULT_PARALLELISM)),
            "sync.parallel-apps");
    if (parallel < 1 || parallel > 64) {
      throw new UsageException(
          "sync.parallel-apps is " + parallel,
          "use 1 to 64: apps applied at once; more mostly queues at the API server");
    }
    return parallel;
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text.strip());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "port '" + text + "' is not a port number", "use 1-65535, or 0 for any free port");
    }
  }
}
