package dev.paved.server.config;

import dev.paved.server.db.DatabaseSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything the server is configured with, after flags, environment and file were merged.
 *
 * @param cluster {@code sandbox}, {@code kubeconfig} (the kubeconfig's context) or {@code none}
 * @param oidc sign-in through an identity provider, when {@code oidc.issuer} is set
 */
public record ServerSettings(
    Path dataDir,
    String host,
    int port,
    DatabaseSettings database,
    Path repository,
    Path sandboxDir,
    String cluster,
    Optional<Path> kubeconfig,
    Optional<String> context,
    Optional<dev.paved.server.auth.OidcSettings> oidc) {

  public static final int DEFAULT_PORT = 8420;

  public String url() {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return "http://" + shown + ":" + port;
  }
}
