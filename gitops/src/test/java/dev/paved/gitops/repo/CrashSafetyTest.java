package dev.paved.gitops.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.render.RepoRenderer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) while it renders, commits and merges leaves main pointing at a whole,
 * consistent commit, and the next merge works.
 */
class CrashSafetyTest {

  @TempDir Path dir;

  @Test
  @dev.paved.reliability.Reliability(
      area = dev.paved.reliability.Area.FAULTS,
      value = "kill -9 of a process in the middle of merges (real Git repository)")
  void aMergeKilledPartWayLeavesMainWholeAndConsistentAndTheNextMergeWorks(
      dev.paved.reliability.Tally tally) throws Exception {
    tally.counting("kills at random points of a merge");
    int rounds = Boolean.getBoolean("paved.reliability.long") ? 20 : 3;
    Path git = dir.resolve("platform.git");
    try (GitRepository repo = GitRepository.openOrCreate(git)) {
      RepositorySeed.ensure(repo, "file:///platform.git");
    }
    for (int round = 0; round < rounds; round++) {
      Process worker =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  MergeWorker.class.getName(),
                  git.toString())
              .redirectErrorStream(true)
              .start();
      BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream()));
      String line = out.readLine();
      StringBuilder seen = new StringBuilder();
      while (line != null && !line.startsWith("merged")) {
        seen.append(line).append('\n');
        line = out.readLine();
      }
      assertThat(line).as("the worker merged at least once; it said:\n" + seen).isNotNull();
      Thread.sleep(ThreadLocalRandom.current().nextInt(0, 300)); // land anywhere in a merge
      worker.destroyForcibly().waitFor();
      tally.add();

      try (GitRepository repo = GitRepository.openOrCreate(git)) {
        RepoFiles main = repo.read(repo.resolve(GitRepository.MAIN).orElseThrow());
        var rendered =
            new RepoRenderer("file:///platform.git")
                .render(RepoRenderer.intentPart(main), RepoRenderer.deploymentsIn(main));
        assertThat(rendered.problems()).isEmpty();
        assertThat(rendered.files().changesSince(RepoRenderer.generatedPart(main)))
            .as("main after the kill is consistent")
            .isEmpty();
      }
    }
    Thread.sleep(2_100); // a ref lock left by the kill is stale after 2 s
    try (GitRepository repo = GitRepository.openOrCreate(git)) {
      ChangeRequests changes = new ChangeRequests(repo, "file:///platform.git");
      var opened =
          changes.open(
              Actor.member("demo"),
              "after the crash",
              List.of(
                  new Intent.PutApp(
                      """
                      apiVersion: paved.dev/v1alpha1
                      kind: App
                      app: survivor
                      team: demo
                      path: web-service
                      with: {image: 'ghcr.io/example/api:9.9.9'}
                      """,
                      List.of("staging"))));
      assertThat(changes.merge(opened.change().id(), Actor.member("demo")))
          .isInstanceOf(MergeOutcome.Merged.class);
    }
    tally.held(
        "main whole and consistent after every kill (its rendered files match its specs); the next"
            + " merge worked");
  }
}
