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
          "cluster",
          "kubeconfig",
          "context",
          "public-url",
          "oidc.issuer",
          "oidc.client-id",
          "oidc.client-secret",
          "oidc.user-claim",
          "oidc.platform-group",
          "oidc.viewer-group");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SettingsLoader() {}

  /**
   * @param flags keys as in {@link #KEYS} set on the command line
   * @param env the process environment
   * @param configFile {@code --config}, if given
   */
  public static ServerSettings load(
      Map<String, String> flags, Map<String, String> env, Optional<Path> configFile) {
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
    String cluster =
        values.getOrDefault(
            "cluster",
            values.containsKey("context") || values.containsKey("kubeconfig")
                ? "kubeconfig"
                : "sandbox");
    if (!List.of("sandbox", "kubeconfig", "none").contains(cluster)) {
      throw new UsageException("cluster is '" + cluster + "'", "use sandbox, kubeconfig or none");
    }
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
        oidc(values));
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
