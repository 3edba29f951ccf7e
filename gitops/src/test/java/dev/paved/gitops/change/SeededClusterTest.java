package dev.paved.gitops.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.target.ClusterRef;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository the server seeds names the server's own cluster in its {@code sandbox} target, as a
 * person would write it, so a fresh install syncs where the server was pointed.
 */
class SeededClusterTest {

  @TempDir Path dir;

  private ClusterRef seededWith(ClusterRef cluster) {
    try (GitRepository repo = GitRepository.openOrCreate(dir.resolve("platform.git"))) {
      RepositorySeed.ensure(repo, "file:///platform.git", cluster);
      RepoFiles main = repo.read(repo.resolve(GitRepository.MAIN).orElseThrow());
      return new RepoRenderer("file:///platform.git")
          .platforms()
          .of(RepoRenderer.intentPart(main))
          .targets()
          .get("sandbox")
          .cluster();
    }
  }

  @Test
  void aServerInItsClusterSeedsAnInClusterTarget() {
    assertThat(seededWith(new ClusterRef.InCluster())).isEqualTo(new ClusterRef.InCluster());
  }

  @Test
  void aServerOnAKubeconfigSeedsItsContext() {
    ClusterRef context = new ClusterRef.Context("gke-dev", Optional.empty());
    assertThat(seededWith(context)).isEqualTo(context);
  }

  @Test
  void aContextOfAnotherFileAndASecretAreWrittenInFull() {
    ClusterRef file = new ClusterRef.Context("onprem", Optional.of("/etc/paved/onprem.kubeconfig"));
    assertThat(seededWith(file)).isEqualTo(file);
  }

  @Test
  void aSecretIsWrittenWithItsKeyAndContext() {
    ClusterRef secret = new ClusterRef.Secret("gpu-cluster", "value", Optional.of("gpu"));
    assertThat(seededWith(secret)).isEqualTo(secret);
  }

  @Test
  void theServersDefaultLeavesTheClusterOut() {
    assertThat(seededWith(new ClusterRef.ServerDefault()))
        .isEqualTo(new ClusterRef.ServerDefault());
  }
}
