package dev.paved.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.error.UsageException;
import dev.paved.server.db.DatabaseSettings;
import java.io.IOException;
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

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
    Map<String, String> fromFile = file.map(SettingsLoader::readFile).orElse(Map.of());
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
        oidc(values),
        ha(values, cluster),
        remote(values),
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
    int clusters = number(values.get("clusters"), "clusters");
    if (clusters < 1 || clusters > dev.paved.gitops.change.SandboxTargets.MAX) {
      throw new UsageException(
          "clusters is " + clusters,
          "use 1 (one sandbox), 2 (prod on its own) or 3 (one per environment)");
    }
    return clusters;
  }

  /**
   * The Git remote to mirror to. Credentials are read from files (a mounted Secret), never from the
   * settings themselves: a token file for HTTPS, a key and known_hosts file for SSH.
   */
  private static Optional<ServerSettings.GitRemote> remote(Map<String, String> values) {
    List<String> credentialKeys =
        List.of("git.token-file", "git.ssh-key-file", "git.known-hosts-file");
    if (!values.containsKey("git.remote")) {
      List<String> stray = credentialKeys.stream().filter(values::containsKey).toList();
      if (!stray.isEmpty()) {
        throw new UsageException(
            stray + " set without git.remote", "set git.remote too, or remove them");
      }
      return Optional.empty();
    }
    String url = values.get("git.remote");
    boolean ssh = url.startsWith("ssh://") || url.matches("^[^/:]+@[^/:]+:.*");
    if (ssh) {
      if (!values.containsKey("git.ssh-key-file") || !values.containsKey("git.known-hosts-file")) {
        throw new UsageException(
            "git.remote "
                + url
                + " is SSH, but git.ssh-key-file or git.known-hosts-file is not set",
            "set both: the private key, and the known_hosts holding the server's host key");
      }
      return Optional.of(
          new ServerSettings.GitRemote(
              url,
              new dev.paved.gitops.repo.RemoteCredentials.SshKey(
                  readable(values.get("git.ssh-key-file"), "git.ssh-key-file"),
                  readable(values.get("git.known-hosts-file"), "git.known-hosts-file"))));
    }
    if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("file:")) {
      throw new UsageException(
          "git.remote " + url + " is not a Git URL Paved can push to",
          "use https://…, ssh://…, git@host:path or file:///…");
    }
    if (values.containsKey("git.token-file")) {
      Path file = readable(values.get("git.token-file"), "git.token-file");
      try {
        String token = Files.readString(file).strip();
        if (token.isEmpty()) {
          throw new UsageException(
              "git.token-file " + file + " is empty", "write the HTTPS token into it");
        }
        return Optional.of(
            new ServerSettings.GitRemote(
                url, new dev.paved.gitops.repo.RemoteCredentials.Token(token)));
      } catch (IOException e) {
        throw new UsageException(
            "cannot read git.token-file " + file + ": " + e.getMessage(), "check the mount");
      }
    }
    return Optional.of(
        new ServerSettings.GitRemote(url, new dev.paved.gitops.repo.RemoteCredentials.None()));
  }

  private static Path readable(String value, String key) {
    Path file = Path.of(value);
    if (!Files.isReadable(file)) {
      throw new UsageException(
          key + " " + file + " cannot be read", "mount the Secret there, or fix the path");
    }
    return file;
  }

  /**
   * Shard leases when {@code ha.enabled} is true. The identity defaults to the pod's name ({@code
   * POD_NAME}, set by the chart) or the host name; the namespace to the pod's ({@code
   * POD_NAMESPACE}) or {@code paved}.
   */
  private static Optional<dev.paved.server.ha.HaSettings> ha(
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
    int split = number(values.getOrDefault("ha.shards-per-target", "1"), "ha.shards-per-target");
    if (split < 1 || split > 256) {
      throw new UsageException(
          "ha.shards-per-target is " + split, "use 1 to 256 (1: one shard per target)");
    }
    int lease = number(values.getOrDefault("ha.lease-seconds", "15"), "ha.lease-seconds");
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

  private static int parallelApps(Map<String, String> values) {
    int parallel =
        number(
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

  private static int number(String text, String key) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(key + " is '" + text + "', not a whole number", "write a number");
    }
  }

  /** OIDC sign-in when {@code oidc.issuer} is set; then client id and secret are required. */
  private static Optional<dev.paved.server.auth.OidcSettings> oidc(Map<String, String> values) {
    if (!values.containsKey("oidc.issuer")) {
      List<String> stray =
          values.keySet().stream().filter(k -> k.startsWith("oidc.")).sorted().toList();
      if (!stray.isEmpty()) {
        throw new UsageException(
            stray + " set without oidc.issuer", "set oidc.issuer too, or remove them");
      }
      return Optional.empty();
    }
    for (String key : List.of("oidc.client-id", "oidc.client-secret")) {
      if (values.getOrDefault(key, "").isBlank()) {
        throw new UsageException(
            "oidc.issuer is set but " + key + " is not",
            "register Paved as a client at the provider and set " + key);
      }
    }
    return Optional.of(
        new dev.paved.server.auth.OidcSettings(
            uri(values.get("oidc.issuer"), "oidc.issuer"),
            values.get("oidc.client-id"),
            values.get("oidc.client-secret"),
            values.getOrDefault("oidc.user-claim", "preferred_username"),
            Optional.ofNullable(values.get("oidc.platform-group")),
            Optional.ofNullable(values.get("oidc.viewer-group")),
            Optional.ofNullable(values.get("public-url")).map(v -> uri(v, "public-url"))));
  }

  private static java.net.URI uri(String text, String key) {
    try {
      java.net.URI uri = new java.net.URI(text);
      if (!List.of("http", "https").contains(String.valueOf(uri.getScheme()))
          || uri.getHost() == null) {
        throw new java.net.URISyntaxException(text, "not an http(s) URL with a host");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new UsageException(
          key + " '" + text + "' is not a URL: " + e.getReason(),
          "for example https://login.example.com/realms/paved");
    }
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

  /**
   * The file's keys flattened ({@code db: {url: …}} → {@code db.url}); unknown keys are refused.
   */
  static Map<String, String> readFile(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var at = e.getLocation();
      throw new InvalidInputException(
          "not valid YAML: " + e.getOriginalMessage(),
          Optional.of(
              new SourceLocation(
                  file.toString(),
                  at == null ? 1 : Math.max(1, at.getLineNr()),
                  at == null ? 1 : Math.max(1, at.getColumnNr()))),
          "write key: value lines; see docs/server.md",
          e);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot read " + file + ": " + e.getMessage(), "check the file's permissions", false, e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      flatten("", root, values, file);
    }
    return values;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into, Path file) {
    if (!node.isObject()) {
      throw new InvalidInputException(
          "the settings file must be a map of keys",
          SourceLocation.ofFile(file.toString()),
          "see docs/server.md for the keys");
    }
    node.fields()
        .forEachRemaining(
            e -> {
              String key = prefix + e.getKey();
              if (e.getValue().isObject()) {
                flatten(key + ".", e.getValue(), into, file);
              } else if (!KEYS.contains(key)) {
                throw new InvalidInputException(
                    "unknown setting '" + key + "'",
                    SourceLocation.ofFile(file.toString()),
                    "the settings are " + KEYS);
              } else {
                into.put(key, e.getValue().asText());
              }
            });
  }
}
