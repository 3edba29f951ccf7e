package dev.paved.gitops.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.NotFoundException;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app's own revisions on a real repository where other apps change too. */
class AppHistoryTest {

  private static final String SPEC =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: demo
      path: web-service
      with: {image: 'ghcr.io/example/%s:%s'}
      """;
  private static final Actor DEMO = Actor.member("demo");
  private static final Deployment CHAT = new Deployment("dev", new AppKey("demo", "chat"));

  @TempDir Path dir;
  private GitRepository repo;
  private ChangeRequests changes;

  @BeforeEach
  void seed() {
    repo = GitRepository.openOrCreate(dir.resolve("platform.git"));
    RepositorySeed.ensure(repo, "file:///platform.git");
    changes = new ChangeRequests(repo, "file:///platform.git");
  }

  @AfterEach
  void close() {
    repo.close();
  }

  private String deploy(String app, String version) {
    var opened =
        changes.open(
            DEMO,
            "Deploy " + app + " " + version,
            List.of(new Intent.PutApp(SPEC.formatted(app, app, version), List.of("dev"))));
    return ((MergeOutcome.Merged) opened.autoMerge().orElseThrow()).commit();
  }

  @Test
  void onlyTheAppsOwnRevisionsAreListedNewestFirstWithWhatChangedInTheSpec() {
    String first = deploy("chat", "1.0.0");
    deploy("other", "1.0.0");
    String second = deploy("chat", "1.1.0");
    deploy("other", "2.0.0");

    AppHistory.Page page = new AppHistory(repo).page(CHAT, 1, 10);

    assertThat(page.revisions()).extracting(AppRevision::id).containsExactly(second, first);
    assertThat(page.more()).isFalse();
    AppRevision newest = page.revisions().getFirst();
    assertThat(newest.title()).isEqualTo("Deploy chat 1.1.0");
    assertThat(newest.change()).get().asString().startsWith("cr-");
    assertThat(newest.specChanges())
        .containsExactly(
            "-with: {image: 'ghcr.io/example/chat:1.0.0'}",
            "+with: {image: 'ghcr.io/example/chat:1.1.0'}");
    assertThat(newest.files()).isPositive();
  }

  @Test
  void revisionsComeInPages() {
    for (int i = 0; i < 5; i++) {
      deploy("chat", "1." + i + ".0");
    }
    AppHistory history = new AppHistory(repo);

    AppHistory.Page first = history.page(CHAT, 1, 2);
    AppHistory.Page third = history.page(CHAT, 3, 2);

    assertThat(first.revisions()).hasSize(2);
    assertThat(first.more()).isTrue();
    assertThat(third.revisions()).hasSize(1);
    assertThat(third.more()).isFalse();
    assertThat(third.revisions().getFirst().title()).isEqualTo("Deploy chat 1.0.0");
  }

  @Test
  void theRevisionAMainCommitDeploysIsTheNewestOfTheAppAtOrBeforeIt() {
    String chat = deploy("chat", "1.0.0");
    String later = deploy("other", "1.0.0");

    assertThat(new AppHistory(repo).at(CHAT, org.eclipse.jgit.lib.ObjectId.fromString(later)))
        .get()
        .extracting(AppRevision::id)
        .isEqualTo(chat);
  }

  @Test
  void aShortIdNamesItsCommitAndABadOneSaysWhy() {
    String chat = deploy("chat", "1.0.0");

    assertThat(repo.requireCommit(chat.substring(0, 8)).name()).isEqualTo(chat);
    assertThatThrownBy(() -> repo.requireCommit("xyz"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("7 to 40 hex digits");
    assertThatThrownBy(() -> repo.requireCommit("0000000000"))
        .isInstanceOf(NotFoundException.class);
  }
}
