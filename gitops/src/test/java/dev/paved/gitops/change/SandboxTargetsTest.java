package dev.paved.gitops.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.UsageException;
import dev.paved.core.platform.Platform;
import dev.paved.core.target.ClusterRef;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paved up --clusters N}: main names one sandbox per target, once, on a real repository. */
class SandboxTargetsTest {

  @TempDir Path dir;
  private GitRepository repo;

  @BeforeEach
  void seed() {
    repo = GitRepository.openOrCreate(dir.resolve("platform.git"));
    RepositorySeed.ensure(repo, "file:///platform.git");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private Platform mainPlatform() {
    RepoFiles main = repo.read(repo.resolve(GitRepository.MAIN).orElseThrow());
    return new RepoRenderer("file:///platform.git").platforms().of(RepoRenderer.intentPart(main));
  }

  @Test
  void twoClustersPutProdOnASandboxOfItsOwn() {
    assertThat(RepositorySeed.ensureTargets(repo, "file:///platform.git", SandboxTargets.plan(2)))
        .isPresent();

    Platform platform = mainPlatform();
    assertThat(platform.targetFor("dev").name()).isEqualTo("sandbox");
    assertThat(platform.targetFor("staging").name()).isEqualTo("sandbox");
    assertThat(platform.targetFor("prod").name()).isEqualTo("sandbox-prod");
    assertThat(platform.targets().get("sandbox-prod").cluster())
        .isEqualTo(new ClusterRef.Context("paved-sandbox-prod", Optional.empty()));
    assertThat(platform.targets().get("sandbox").cluster())
        .isEqualTo(new ClusterRef.Context("paved-sandbox", Optional.empty()));
  }

  @Test
  void threeClustersGiveEveryEnvironmentItsOwnAndTheHelloAppStaysRendered() {
    RepositorySeed.ensureTargets(repo, "file:///platform.git", SandboxTargets.plan(3));

    Platform platform = mainPlatform();
    assertThat(platform.targetFor("staging").name()).isEqualTo("sandbox-staging");
    RepoFiles main = repo.read(repo.resolve(GitRepository.MAIN).orElseThrow());
    assertThat(main.under("deploy/dev/demo/hello")).isNotEmpty();
  }

  @Test
  void theTargetsAreWrittenOnceAndAnEditSinceIsKept() {
    RepositorySeed.ensureTargets(repo, "file:///platform.git", SandboxTargets.plan(2));
    var before = repo.resolve(GitRepository.MAIN).orElseThrow();

    assertThat(RepositorySeed.ensureTargets(repo, "file:///platform.git", SandboxTargets.plan(2)))
        .isEmpty();
    assertThat(repo.resolve(GitRepository.MAIN)).contains(before);
  }

  @Test
  void oneClusterAsksNothingOfASeededMain() {
    assertThat(RepositorySeed.ensureTargets(repo, "file:///platform.git", SandboxTargets.plan(1)))
        .isEmpty();
  }

  @Test
  void moreClustersThanEnvironmentsIsAUsageError() {
    assertThatThrownBy(() -> SandboxTargets.plan(4))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("clusters is 4");
  }
}
