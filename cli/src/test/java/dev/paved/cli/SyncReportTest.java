package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.gitops.sync.Trigger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncReportTest {

  private static final Deployment CHAT = new Deployment("dev", new AppKey("search", "chat"));

  private static SyncRun run(SyncRun.Status status, String message, SyncRun.Outcome... outcomes) {
    return new SyncRun(
        CHAT,
        "e61841c64536aaaabbbbccccddddeeeeffff0000",
        Trigger.PERIODIC,
        Instant.parse("2026-12-07T21:05:00Z"),
        Duration.ofMillis(1500),
        status,
        java.util.Arrays.stream(outcomes)
            .map(o -> new SyncRun.ObjectResult("Deployment/chat", o, ""))
            .toList(),
        message);
  }

  @Test
  void aPeriodicCheckThatChangedNothingSaysNothing() {
    assertThat(SyncReport.line(run(SyncRun.Status.SYNCED, "", SyncRun.Outcome.UNCHANGED)))
        .isEmpty();
  }

  @Test
  void aSyncThatChangedObjectsSaysWhatAndWhen() {
    assertThat(
            SyncReport.line(
                run(
                    SyncRun.Status.SYNCED,
                    "",
                    SyncRun.Outcome.CREATED,
                    SyncRun.Outcome.CREATED,
                    SyncRun.Outcome.UNCHANGED,
                    SyncRun.Outcome.HEALED)))
        .contains("21:05:01 synced search/chat in dev at e61841c64536: 2 created, 1 healed");
  }

  @Test
  void aFailedSyncSaysWhyAndWhereToLook() {
    assertThat(SyncReport.line(run(SyncRun.Status.FAILED, "the cluster refused Deployment/chat")))
        .contains(
            "21:05:01 sync of search/chat in dev at e61841c64536 FAILED: the cluster refused"
                + " Deployment/chat (paved status chat)");
  }
}
