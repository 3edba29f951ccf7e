package dev.paved.gitops.repo;

import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import java.nio.file.Path;
import java.util.List;

/**
 * A process that opens and merges changes until it is killed; {@link CrashSafetyTest} kills it with
 * SIGKILL part-way through.
 */
public final class MergeWorker {

  private MergeWorker() {}

  public static void main(String[] args) {
    try (GitRepository repo = GitRepository.openOrCreate(Path.of(args[0]))) {
      ChangeRequests changes = new ChangeRequests(repo, "file:///platform.git");
      String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
      for (int i = 0; ; i++) {
        String spec =
            """
            apiVersion: paved.dev/v1alpha1
            kind: App
            app: crash-%s-%d
            team: demo
            path: web-service
            with: {image: 'ghcr.io/example/api:1.0.%d'}
            """
                .formatted(run, i, i);
        var opened =
            changes.open(
                Actor.member("demo"),
                "crash " + i,
                List.of(new Intent.PutApp(spec, List.of("staging"))));
        changes.merge(opened.change().id(), Actor.member("demo"));
        System.out.println("merged " + i);
      }
    }
  }
}
