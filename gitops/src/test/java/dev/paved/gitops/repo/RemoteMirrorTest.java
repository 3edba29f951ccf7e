package dev.paved.gitops.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.connection.Backoff;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.RepositorySeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirroring to a real second repository, which is first missing and then appears. */
class RemoteMirrorTest {

  @TempDir Path dir;

  /** A clock the test moves. */
  static final class Clock implements InstantSource {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void anUnreachableRemoteLeavesTheLocalRepositoryIntactAndThePushIsRetriedAfterItsBackoff()
      throws Exception {
    Path remoteDir = dir.resolve("remote.git");
    Clock clock = new Clock();
    try (GitRepository local = GitRepository.openOrCreate(dir.resolve("local.git"))) {
      RepositorySeed.ensure(local, remoteDir.toUri().toString());
      ChangeRequests changes = new ChangeRequests(local, remoteDir.toUri().toString());
      var opened =
          changes.open(
              Actor.member("demo"),
              "chat",
              List.of(
                  new Intent.PutApp(
                      """
                      apiVersion: paved.dev/v1alpha1
                      kind: App
                      app: chat
                      team: demo
                      path: web-service
                      with: {image: 'ghcr.io/example/chat:1.0.0'}
                      """,
                      List.of("dev"))));
      String main = local.resolve(GitRepository.MAIN).orElseThrow().name();
      RemoteMirror mirror =
          new RemoteMirror(
              local,
              remoteDir.toUri().toString(),
              new RemoteCredentials.None(),
              new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1)),
              clock);

      assertThat(mirror.push()).isInstanceOf(RemoteMirror.State.Behind.class);
      assertThat(local.resolve(GitRepository.MAIN)).get().extracting(o -> o.name()).isEqualTo(main);
      assertThat(local.read(local.resolve(GitRepository.MAIN).orElseThrow()).files())
          .containsKey("apps/demo/chat/paved.yaml");

      try (GitRepository remote = GitRepository.openOrCreate(remoteDir)) {
        assertThat(remote.resolve(GitRepository.MAIN)).isEmpty();
        assertThat(mirror.push())
            .as("not before the backoff")
            .isInstanceOf(RemoteMirror.State.Behind.class);
        assertThat(remote.resolve(GitRepository.MAIN)).isEmpty();

        clock.now = clock.now.plusSeconds(10);
        assertThat(mirror.push()).isEqualTo(new RemoteMirror.State.InSync(main, clock.now));
        assertThat(remote.resolve(GitRepository.MAIN))
            .get()
            .extracting(o -> o.name())
            .isEqualTo(main);
        assertThat(remote.resolve("refs/paved/records/" + opened.change().id())).isPresent();
        assertThat(Files.exists(remoteDir.resolve("objects"))).isTrue();
      }
    }
  }
}
