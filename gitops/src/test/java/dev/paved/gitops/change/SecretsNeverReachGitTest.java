package dev.paved.gitops.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.PavedException;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way into Git refuses a secret-shaped value before anything is written: afterwards no object
 * of the repository (reachable or not, read by Git itself) holds the value, and no ref moved.
 */
class SecretsNeverReachGitTest {

  private static final String TOKEN = "hf_abcdefghijklmnopqrstuvwxyzABCDEF12";
  private static final String RANDOM = "Zq8vN3xT7bK1mR5wY2pL9sD4fG6hJ0cV";

  @TempDir Path dir;
  private GitRepository repo;
  private ChangeRequests changes;
  private List<String> refsBefore;

  @BeforeEach
  void seed() {
    repo = GitRepository.openOrCreate(dir.resolve("platform.git"));
    RepositorySeed.ensure(repo, "file:///platform.git");
    changes = new ChangeRequests(repo, "file:///platform.git");
    refsBefore = refs();
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void aTokenInTheArgsOfADeployIsRefusedAtItsLineAndColumn() {
    String spec =
        """
        apiVersion: paved.dev/v1alpha1
        kind: App
        app: leak
        team: demo
        path: web-service
        with:
          image: ghcr.io/example/leak:1.0.0
          args: ["--token=%s"]
        """
            .formatted(TOKEN);

    assertThatThrownBy(
            () ->
                changes.open(
                    ChangeRequestsTest.DEMO,
                    "Deploy leak",
                    List.of(new Intent.PutApp(spec, List.of("dev")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a Hugging Face token")
        .hasMessageNotContaining(TOKEN)
        .satisfies(
            e ->
                assertThat(((PavedException) e).location())
                    .get()
                    .hasToString("apps/demo/leak/paved.yaml:8:19"));
    assertNothingWritten(TOKEN);
  }

  @Test
  void aTokenInAProdDeployThatWouldWaitForApprovalIsRefusedToo() {
    String spec = ChangeRequestsTest.CHAT.formatted("chat", "1.0.0") + "# pasted: " + RANDOM + "\n";

    assertThatThrownBy(
            () ->
                changes.open(
                    ChangeRequestsTest.DEMO,
                    "Chat to prod",
                    List.of(new Intent.PutApp(spec, List.of("prod")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a long random token");
    assertNothingWritten(RANDOM);
  }

  @Test
  void aTokenInATitleIsRefused() {
    assertThatThrownBy(
            () ->
                changes.open(
                    ChangeRequestsTest.DEMO,
                    "Deploy with " + TOKEN,
                    List.of(
                        new Intent.PutApp(
                            ChangeRequestsTest.CHAT.formatted("chat", "1.0.0"), List.of("dev")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the change's title looks like a Hugging Face token");
    assertNothingWritten(TOKEN);
  }

  @Test
  void aTokenInATeamFileOrAPlatformFileIsRefused() {
    String team =
        """
        apiVersion: paved.dev/v1alpha1
        kind: Team
        metadata: {name: search}
        spec:
          members: [ana]
          monthlyBudget: 1000
          # slack webhook: https://bot:%s@hooks.example.com/T000
        """
            .formatted(RANDOM);
    assertThatThrownBy(
            () ->
                changes.open(
                    ChangeRequestsTest.PLATFORM,
                    "Add search",
                    List.of(new Intent.PutPlatformFile("platform/teams/search.yaml", team))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a URL with a password");
    assertNothingWritten(RANDOM);
  }

  @Test
  void aRollbackToARevisionThatHeldASecretIsRefused() {
    // a secret that reached main before this gate existed must not come back with a rollback
    ObjectId main = repo.resolve(GitRepository.MAIN).orElseThrow();
    RepoFiles files = repo.read(main);
    String leaked =
        files.find("apps/demo/hello/paved.yaml").orElseThrow() + "# token: " + TOKEN + "\n";
    ObjectId withSecret =
        repo.commit(
            List.of(main), files.with("apps/demo/hello/paved.yaml", leaked), "old leak", "demo");
    repo.moveRef(GitRepository.MAIN, Optional.of(main), withSecret, "old leak");
    ObjectId clean = repo.commit(List.of(withSecret), files, "cleaned", "demo");
    repo.moveRef(GitRepository.MAIN, Optional.of(withSecret), clean, "cleaned");
    List<String> refs = refs();

    assertThatThrownBy(
            () ->
                changes.rollback(
                    ChangeRequestsTest.DEMO,
                    new RepoLayout.Deployment("dev", new RepoLayout.AppKey("demo", "hello")),
                    withSecret.name()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a Hugging Face token");
    assertThat(refs()).isEqualTo(refs);
    assertThat(changes.list()).isEmpty();
  }

  private void assertNothingWritten(String value) {
    assertThat(refs()).isEqualTo(refsBefore);
    assertThat(allObjects()).doesNotContain(value);
  }

  private List<String> refs() {
    return git("for-each-ref", "--format=%(refname) %(objectname)").lines().toList();
  }

  /** Every object in the repository, reachable or not, as Git itself prints them. */
  private String allObjects() {
    return git("cat-file", "--batch-all-objects", "--batch");
  }

  private String git(String... args) {
    List<String> command =
        new ArrayList<>(List.of("git", "--git-dir", repo.directory().toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(out).isZero();
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
