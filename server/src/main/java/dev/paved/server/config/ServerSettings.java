package dev.paved.server.config;

import dev.paved.server.db.DatabaseSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything the server is configured with, after flags, environment and file were merged.
 *
 * @param cluster the server's own cluster: the sandbox, a kubeconfig's context, in-cluster or none
 * @param oidc sign-in through an identity provider, when {@code oidc.issuer} is set
 * @param ha several replicas sharing the sync work through shard leases, when {@code ha.enabled}
 * @param remote the Git remote the platform repository is mirrored to, when {@code git.remote} is
 *     set
 * @param syncParallelism how many apps one sync applies at once ({@code sync.parallel-apps})
 * @param sandboxes how many sandboxes {@code paved up} runs, one per target ({@code clusters})
 */
public record ServerSettings(
    Path dataDir,
    String host,
    int port,
    DatabaseSettings database,
    Path repository,
    Path sandboxDir,
    ClusterKind cluster,
    Optional<Path> kubeconfig,
    Optional<String> context,
    Optional<dev.paved.server.auth.OidcSettings> oidc,
    Optional<dev.paved.server.ha.HaSettings> ha,
    Optional<GitRemote> remote,
    int syncParallelism,
    int sandboxes) {

  /** Where the repository is mirrored, and how Paved signs in there. */
  public record GitRemote(String url, dev.paved.gitops.repo.RemoteCredentials credentials) {}

  public static final int DEFAULT_PORT = 8420;

  public String url() {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return "http://" + shown + ":" + port;
  }
}
