package dev.paved.server.http;

import static dev.paved.server.http.ChangesApiTest.deploy;
import static dev.paved.server.http.ChangesApiTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.doctor.Code;
import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.cluster.doctor.Finding;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.gitops.sync.Trigger;
import dev.paved.server.TestServer;
import dev.paved.server.fuzz.Seeds;
import dev.paved.server.sync.FindingsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the fuzzer aims at on a fresh test server: chat deployed twice to dev by sue, with two sync
 * runs (so there is an earlier revision of its own to roll back to) and a finding with a fix, an
 * open prod change, spare tokens to revoke, and the server's own paths, environments and targets as
 * seeds.
 */
final class FuzzSetup {

  /** Specs that use more of the format: parameters of several types, secrets, environments. */
  private static final String WEB_SERVICE =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: chat
      team: search
      path: web-service
      with:
        image: ghcr.io/example/chat:3.2.1
        port: 8080
        replicas: {min: 2, max: 10}
        public: true
      secrets: [DATABASE_URL]
      environments:
        dev:
          with: {replicas: {min: 1, max: 1}, public: false}
      """;

  private static final String LLM_INFERENCE =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: lens
      team: vision
      path: llm-inference
      with:
        model: hf://meta-llama/Llama-3.1-8B-Instruct
        gpu: nvidia-l4
        maxModelLen: 8192
      secrets: [HF_TOKEN]
      environments:
        prod:
          with:
            replicas: {min: 2, max: 6}
            public: true
      """;

  private static final String TEAM =
      "apiVersion: paved.dev/v1alpha1\nkind: Team\nmetadata: {name: fuzz}\n"
          + "spec: {members: [nob], monthlyBudget: 100}\n";

  private FuzzSetup() {}

  /** Prepares the server and returns valid values by parameter and field name. */
  static Seeds seeds(TestServer server) {
    TestServer.Answer deployed =
        server.post("/api/v1/changes", "sue", deploy(spec("chat", "search", "1.0.0"), "dev"));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    TestServer.Answer again =
        server.post("/api/v1/changes", "sue", deploy(spec("chat", "search", "1.1.0"), "dev"));
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    List<String> revisions =
        server.backend().repo().log("refs/heads/main", 2).stream().map(c -> c.id()).toList();
    revisions.reversed().forEach(revision -> synced(server, revision));
    diagnose(server);
    TestServer.Answer open =
        server.post("/api/v1/changes", "sue", deploy(spec("chat", "search", "2.0.0"), "prod"));
    List<String> ids = new ArrayList<>(List.of(open.json().path("id").asText()));
    ids.add(deployed.json().path("id").asText());
    TestServer.PEOPLE
        .keySet()
        .forEach(user -> ids.add(server.services().tokens().issue(user, "spare").id()));
    List<String> envs = List.copyOf(server.backend().environments());
    Stream<String> paths = server.backend().platform().paths().latest().stream().map(p -> p.name());
    Map<String, List<String>> seeds = new LinkedHashMap<>();
    seeds.put("team", List.of("search", "vision"));
    seeds.put("app", List.of("chat", "ghost"));
    seeds.put("id", ids);
    seeds.put("name", Stream.concat(paths, Stream.of("laptop")).toList());
    seeds.put("env", envs);
    seeds.put("envs", envs);
    seeds.put("revision", revisions);
    seeds.put("spec", List.of(spec("chat", "search", "1.0.1"), WEB_SERVICE, LLM_INFERENCE));
    seeds.put("tail", List.of("1", "100", "5000"));
    seeds.put("follow", List.of("true", "false"));
    seeds.put("title", List.of("Fuzzed change"));
    seeds.put("target", List.copyOf(server.backend().platform().targets().keySet()));
    seeds.put("path", List.of("platform/teams/fuzz.yaml"));
    seeds.put("text", List.of(TEAM));
    return new Seeds(seeds);
  }

  /** The people's API tokens. */
  static Map<String, String> tokens(TestServer server) {
    Map<String, String> tokens = new LinkedHashMap<>();
    TestServer.PEOPLE.keySet().forEach(user -> tokens.put(user, server.token(user)));
    return tokens;
  }

  /** A sync run of chat in dev at {@code revision}: the app page offers to roll back to it. */
  private static void synced(TestServer server, String revision) {
    server
        .backend()
        .history()
        .record(
            new SyncRun(
                new Deployment("dev", new AppKey("search", "chat")),
                revision,
                Trigger.MERGE,
                Instant.now(),
                Duration.ofMillis(40),
                SyncRun.Status.SYNCED,
                List.of(),
                "synced"));
  }

  /** A current finding with a fix for chat in dev, so its page shows the fix form. */
  private static void diagnose(TestServer server) {
    new FindingsStore(server.services().database())
        .put(
            new Deployment("dev", new AppKey("search", "chat")),
            new Diagnosis(
                List.of(
                    Finding.of(
                            Code.INSUFFICIENT_MEMORY,
                            "Deployment/search-dev/chat",
                            "too much memory",
                            "ask for less")
                        .withPatch(Map.of("with", Map.of("memory", "1Gi")))),
                Instant.now()));
  }
}
