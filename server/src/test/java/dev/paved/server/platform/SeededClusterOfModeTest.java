package dev.paved.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.target.ClusterRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster a server's fresh repository gives its sandbox target is the one it was started on.
 */
class SeededClusterOfModeTest {

  @TempDir Path dir;

  private Path kubeconfig(String current) throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: a, cluster: {server: "https://127.0.0.1:1"}}
        users:
        - {name: u, user: {token: t}}
        contexts:
        - {name: gke-dev, context: {cluster: a, user: u}}
        - {name: onprem, context: {cluster: a, user: u}}
        current-context: %s
        """
            .formatted(current));
    return file;
  }

  @Test
  void aKubeconfigServerSeedsItsCurrentContext() throws Exception {
    ClusterMode mode = new ClusterMode.Kubeconfig(kubeconfig("gke-dev"), Optional.empty());
    assertThat(mode.seededCluster()).isEqualTo(new ClusterRef.Context("gke-dev", Optional.empty()));
  }

  @Test
  void aContextGivenOnTheCommandLineWins() throws Exception {
    ClusterMode mode = new ClusterMode.Kubeconfig(kubeconfig("gke-dev"), Optional.of("onprem"));
    assertThat(mode.seededCluster()).isEqualTo(new ClusterRef.Context("onprem", Optional.empty()));
  }

  @Test
  void anInClusterServerSeedsInCluster() {
    assertThat(new ClusterMode.InCluster().seededCluster()).isEqualTo(new ClusterRef.InCluster());
  }

  @Test
  void aServerWithoutAClusterOrAnUnreadableKubeconfigSeedsTheLocalSandbox() {
    ClusterRef sandbox = new ClusterRef.Context("paved-sandbox", Optional.empty());
    assertThat(new ClusterMode.None("no cluster").seededCluster()).isEqualTo(sandbox);
    assertThat(new ClusterMode.Kubeconfig(dir.resolve("missing"), Optional.empty()).seededCluster())
        .isEqualTo(sandbox);
  }
}
