package dev.paved.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.doctor.Code;
import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.cluster.doctor.Finding;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.server.db.Database;
import dev.paved.server.db.DatabaseSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FindingsStoreTest {

  private static final Deployment CHAT = new Deployment("dev", new AppKey("search", "chat"));

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void theLatestFindingsOfAnAppSurviveARestartExactly(DatabaseSettings settings) {
    Finding oom =
        Finding.of(
                Code.OOM_KILLED,
                "Deployment/search-dev/chat",
                "It ran out of memory.",
                "Raise the memory.")
            .withEvidence("Pod chat-1: container vllm exited with code 137 (OOMKilled)")
            .withPatch(Map.of("with", Map.of("memory", "8Gi")));
    Finding withApp =
        new Finding(
            oom.code(),
            oom.severity(),
            oom.object(),
            oom.summary(),
            oom.evidence(),
            oom.fix(),
            oom.specPatch(),
            Optional.of("chat"));
    Diagnosis first = new Diagnosis(List.of(withApp), Instant.parse("2026-11-26T10:00:00Z"));
    Diagnosis healed = new Diagnosis(List.of(), Instant.parse("2026-11-26T10:05:00Z"));
    try (Database database = Database.open(settings)) {
      FindingsStore store = new FindingsStore(database);
      assertThat(store.get(CHAT)).isEmpty();
      store.put(CHAT, first);
    }
    try (Database database = Database.open(settings)) {
      FindingsStore store = new FindingsStore(database);
      assertThat(store.get(CHAT)).contains(first);
      store.put(CHAT, healed);
      assertThat(store.get(CHAT)).contains(healed);
    }
  }
}
