package dev.paved.gitops.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.CommitInfo;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty change requests opened and merged from parallel threads on one real repository: none is
 * lost, each is merged or refused with a conflict, and main stays consistent.
 */
class ConcurrentMergesTest {

  private static final int CHANGES = 50;
  private static final int THREADS = 8;

  @TempDir Path dir;

  private static String spec(int i) {
    // every fifth change edits the same app, so some merges must conflict
    String app = i % 5 == 0 ? "shared" : "app-" + i;
    return ChangeRequestsTest.CHAT.formatted(app, "1.0." + i);
  }

  @Test
  void fiftyParallelChangesAreEachMergedOrRefusedWithAConflictAndNoCommitIsLost() throws Exception {
    try (GitRepository repo = GitRepository.openOrCreate(dir.resolve("platform.git"));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
      RepositorySeed.ensure(repo, "file:///platform.git");
      ChangeRequests changes = new ChangeRequests(repo, "file:///platform.git");

      List<Future<String>> opened = new ArrayList<>();
      for (int i = 0; i < CHANGES; i++) {
        int n = i;
        opened.add(
            threads.submit(
                () ->
                    changes
                        .open(
                            ChangeRequestsTest.DEMO,
                            "change " + n,
                            List.of(new Intent.PutApp(spec(n), List.of("staging"))))
                        .change()
                        .id()));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : opened) {
        ids.add(f.get());
      }

      Map<String, MergeOutcome> outcomes = new ConcurrentHashMap<>();
      List<Future<?>> merges = new ArrayList<>();
      for (String id : ids) {
        merges.add(
            threads.submit(() -> outcomes.put(id, changes.merge(id, ChangeRequestsTest.DEMO))));
      }
      for (Future<?> f : merges) {
        f.get();
      }

      assertThat(outcomes).hasSize(CHANGES);
      List<String> merged =
          outcomes.entrySet().stream()
              .filter(e -> e.getValue() instanceof MergeOutcome.Merged)
              .map(Map.Entry::getKey)
              .toList();
      assertThat(outcomes.values())
          .allSatisfy(
              o -> {
                if (o instanceof MergeOutcome.Refused r) {
                  assertThat(r.reason()).contains("recheck");
                  assertThat(r.files()).isNotEmpty();
                }
              });
      assertThat(merged)
          .as("the 40 changes to distinct apps all merge")
          .hasSizeGreaterThanOrEqualTo(41);

      List<CommitInfo> history = repo.log(GitRepository.MAIN, 1_000);
      List<String> onMain =
          history.stream()
              .map(CommitInfo::message)
              .filter(m -> m.contains("Change-Id: "))
              .map(
                  m -> m.substring(m.indexOf("Change-Id: ") + 11).lines().findFirst().orElseThrow())
              .toList();
      assertThat(onMain)
          .as("every merged change is on main, once")
          .containsExactlyInAnyOrderElementsOf(merged);
      assertThat(merged)
          .allSatisfy(id -> assertThat(changes.require(id).state()).isEqualTo(ChangeState.MERGED));

      RepoFiles main = repo.read(repo.resolve(GitRepository.MAIN).orElseThrow());
      for (int i = 0; i < CHANGES; i++) {
        if (i % 5 != 0) {
          assertThat(main.files()).containsKey("apps/demo/app-" + i + "/paved.yaml");
        }
      }
      var rendered =
          new RepoRenderer("file:///platform.git")
              .render(RepoRenderer.intentPart(main), RepoRenderer.deploymentsIn(main));
      assertThat(rendered.files().changesSince(RepoRenderer.generatedPart(main))).isEmpty();
    }
  }
}
