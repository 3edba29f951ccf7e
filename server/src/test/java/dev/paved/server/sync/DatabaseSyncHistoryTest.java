package dev.paved.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.gitops.sync.Trigger;
import dev.paved.server.db.Database;
import dev.paved.server.db.DatabaseSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sync runs kept in the database, on H2 and PostgreSQL. */
class DatabaseSyncHistoryTest {

  private static final Deployment CHAT = new Deployment("dev", new AppKey("search", "chat"));
  private static final Deployment OTHER = new Deployment("prod", new AppKey("search", "chat"));

  private static SyncRun run(Deployment deployment, String revision, SyncRun.Status status) {
    return new SyncRun(
        deployment,
        revision,
        Trigger.MERGE,
        Instant.parse("2026-11-26T10:00:00Z"),
        Duration.ofMillis(1234),
        status,
        List.of(
            new SyncRun.ObjectResult("Deployment/search-dev/chat", SyncRun.Outcome.CREATED, "")),
        "synced " + revision);
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void runsComeBackNewestFirstPerAppAndEnvironmentAfterARestart(DatabaseSettings settings) {
    try (Database database = Database.open(settings)) {
      DatabaseSyncHistory history = new DatabaseSyncHistory(database);
      history.record(run(CHAT, "aaa", SyncRun.Status.FAILED));
      history.record(run(CHAT, "bbb", SyncRun.Status.SYNCED));
      history.record(run(OTHER, "ccc", SyncRun.Status.SYNCED));
      history.markSynced("dev", "aaa");
      history.markSynced("dev", "bbb");
    }
    try (Database database = Database.open(settings)) {
      DatabaseSyncHistory history = new DatabaseSyncHistory(database);

      List<SyncRun> runs = history.runs(CHAT);

      assertThat(runs).extracting(SyncRun::revision).containsExactly("bbb", "aaa");
      assertThat(runs.getFirst()).isEqualTo(run(CHAT, "bbb", SyncRun.Status.SYNCED));
      assertThat(history.lastSynced("dev")).contains("bbb");
      assertThat(history.lastSynced("prod")).isEmpty();
      assertThat(history.deployments()).containsExactly(CHAT, OTHER);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void eachShardKeepsItsOwnLastSyncEvenWithTheLongestNames(DatabaseSettings settings) {
    String env = "e".repeat(63);
    String shard = "t".repeat(63) + "-255-of-256";
    try (Database database = Database.open(settings)) {
      DatabaseSyncHistory history = new DatabaseSyncHistory(database);

      history.markSynced(env + "@" + shard, "aaa");
      history.markSynced(env + "@other-0-of-2", "bbb");

      assertThat(history.lastSynced(env + "@" + shard)).contains("aaa");
      assertThat(history.lastSynced(env + "@other-0-of-2")).contains("bbb");
      assertThat(history.lastSynced(env)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void theNewestRunOfEveryDeploymentComesInOneAnswer(DatabaseSettings settings) {
    try (Database database = Database.open(settings)) {
      DatabaseSyncHistory history = new DatabaseSyncHistory(database);
      history.record(run(CHAT, "aaa", SyncRun.Status.FAILED));
      history.record(run(OTHER, "ccc", SyncRun.Status.SYNCED));
      history.record(run(CHAT, "bbb", SyncRun.Status.SYNCED));

      assertThat(history.latest())
          .containsOnlyKeys(CHAT, OTHER)
          .containsEntry(CHAT, run(CHAT, "bbb", SyncRun.Status.SYNCED))
          .containsEntry(OTHER, run(OTHER, "ccc", SyncRun.Status.SYNCED));
      assertThat(history.last(CHAT)).contains(run(CHAT, "bbb", SyncRun.Status.SYNCED));
      assertThat(history.last(new Deployment("dev", new AppKey("search", "none")))).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void onlyTheNewestRunsOfAnAppAreKept(DatabaseSettings settings) {
    try (Database database = Database.open(settings)) {
      DatabaseSyncHistory history = new DatabaseSyncHistory(database);
      for (int i = 0; i < DatabaseSyncHistory.KEEP + 5; i++) {
        history.record(run(CHAT, "r" + i, SyncRun.Status.SYNCED));
      }
      history.record(run(OTHER, "x", SyncRun.Status.SYNCED));

      assertThat(history.runs(CHAT))
          .hasSize(DatabaseSyncHistory.KEEP)
          .first()
          .extracting(SyncRun::revision)
          .isEqualTo("r" + (DatabaseSyncHistory.KEEP + 4));
      assertThat(history.runs(OTHER)).hasSize(1);
    }
  }
}
