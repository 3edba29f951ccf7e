package dev.paved.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.server.TestServer;
import dev.paved.server.audit.AuditEntry;
import dev.paved.server.db.DatabaseSettings;
import dev.paved.server.json.JsonMapping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Deploying, reviewing and rolling back through the API, on H2 and PostgreSQL (no cluster). */
class ChangesApiTest {

  static String spec(String app, String team, String version) {
    return """
        apiVersion: paved.dev/v1alpha1
        kind: App
        app: %s
        team: %s
        path: web-service
        with:
          image: ghcr.io/example/%s:%s
        """
        .formatted(app, team, app, version);
  }

  static String deploy(String spec, String env) {
    return "{\"intents\": [{\"type\": \"put-app\", \"spec\": "
        + json(spec)
        + ", \"envs\": [\""
        + env
        + "\"]}]}";
  }

  static String json(String text) {
    try {
      return JsonMapping.MAPPER.writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aMemberDeploysToDevAndTheChangeMergesAtOnceWithItsChecks(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      TestServer.Answer opened =
          server.post("/api/v1/changes", "sue", deploy(spec("chat", "search", "1.0.0"), "dev"));

      assertThat(opened.status()).as(opened.body()).isEqualTo(201);
      JsonNode change = opened.json();
      assertThat(change.path("author").asText()).isEqualTo("sue");
      assertThat(change.path("autoMerge").path("merged").asBoolean()).isTrue();
      assertThat(change.path("checks").path("renderedChanges").findValuesAsText("path"))
          .anyMatch(p -> p.startsWith("deploy/dev/search/chat/"));
      assertThat(change.path("checks").path("costs").get(0).path("after").path("min").asDouble())
          .isPositive();

      JsonNode app = server.get("/api/v1/apps/search/chat", "sue").json();
      assertThat(app.path("path").asText()).isEqualTo("web-service");
      assertThat(app.path("spec").asText()).contains("ghcr.io/example/chat:1.0.0");
      JsonNode dev = app.path("envs").get(0);
      assertThat(dev.path("env").asText()).isEqualTo("dev");
      assertThat(dev.path("health").asText()).isEqualTo("RENDERED");
      assertThat(dev.path("reason").asText()).contains("not synced").contains("without a cluster");
      assertThat(dev.path("endpoint").asText())
          .isEqualTo("http://chat.search-dev.svc.cluster.local");
      assertThat(server.get("/api/v1/apps", "sue").json().path("apps").findValuesAsText("app"))
          .contains("chat");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void anotherTeamsAppIs403AndAuditedAndLeftOutOfItsList(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      server.post("/api/v1/changes", "sue", deploy(spec("chat", "search", "1.0.0"), "dev"));

      TestServer.Answer refused = server.get("/api/v1/apps/search/chat", "vin");

      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().path("detail").asText())
          .contains("vin is not a member of team search");
      assertThat(server.get("/api/v1/apps", "vin").json().path("apps").findValuesAsText("app"))
          .doesNotContain("chat");
      assertThat(server.services().audit().recent(20))
          .anySatisfy(
              e -> {
                assertThat(e.actor()).isEqualTo("vin");
                assertThat(e.outcome()).isEqualTo("denied");
                assertThat(e.target()).isEqualTo("search/chat");
              });
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void anInvalidSpecIs422WithItsPosition(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      String broken =
          spec("chat", "search", "1.0.0")
              .replace("path: web-service", "path: web-service\nreplicas: 3");

      TestServer.Answer answer = server.post("/api/v1/changes", "sue", deploy(broken, "dev"));

      assertThat(answer.status()).isEqualTo(422);
      assertThat(answer.json().path("detail").asText()).contains("replicas");
      assertThat(answer.json().path("location").path("line").asInt()).isEqualTo(6);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aProdChangeNeedsAnApproverOtherThanItsAuthor(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      JsonNode opened =
          server
              .post("/api/v1/changes", "sue", deploy(spec("chat", "search", "1.0.0"), "prod"))
              .json();
      String id = opened.path("id").asText();
      assertThat(opened.path("state").asText()).isEqualTo("open");
      assertThat(opened.path("autoMerge").path("merged").asBoolean(false)).isFalse();

      TestServer.Answer early = server.post("/api/v1/changes/" + id + "/merge", "sue", "");
      assertThat(early.json().path("outcome").path("merged").asBoolean()).isFalse();
      assertThat(server.post("/api/v1/changes/" + id + "/approve", "sue", "").status())
          .isEqualTo(403);
      JsonNode approved = server.post("/api/v1/changes/" + id + "/approve", "sam", "").json();
      assertThat(approved.path("state").asText()).isEqualTo("approved");
      assertThat(approved.path("approvals").toString()).isEqualTo("[\"sam\"]");

      TestServer.Answer merged = server.post("/api/v1/changes/" + id + "/merge", "sue", "");

      assertThat(merged.status()).as(merged.body()).isEqualTo(200);
      assertThat(merged.json().path("outcome").path("merged").asBoolean()).isTrue();
      assertThat(merged.json().path("state").asText()).isEqualTo("merged");
      assertThat(server.services().audit().recent(50))
          .extracting(AuditEntry::action)
          .contains("change.open", "change.approve", "change.merge");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void onePlatformEngineerCannotSwitchTheTwoPersonRuleOff(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      server.addSecondPlatformEngineer("pia");
      String rules =
          server
              .backend()
              .main()
              .find("platform/environments.yaml")
              .orElseThrow()
              .replace("prod: {approvals: 1", "prod: {approvals: 0");
      TestServer.Answer opened =
          server.post(
              "/api/v1/changes",
              "pat",
              "{\"intents\": [{\"type\": \"put-platform-file\", \"path\":"
                  + " \"platform/environments.yaml\", \"text\": "
                  + json(rules)
                  + "}]}");
      assertThat(opened.status()).as(opened.body()).isEqualTo(201);
      String id = opened.json().path("id").asText();
      assertThat(opened.json().has("autoMerge")).isFalse();
      assertThat(opened.json().path("waitingFor").asText())
          .contains("needs 1 approval(s) from another platform engineer")
          .contains("prod");

      TestServer.Answer alone = server.post("/api/v1/changes/" + id + "/merge", "pat", "");
      assertThat(alone.json().path("outcome").path("merged").asBoolean()).isFalse();
      assertThat(alone.json().path("outcome").path("reason").asText()).contains("has 0");
      assertThat(server.post("/api/v1/changes/" + id + "/approve", "sue", "").status())
          .isEqualTo(403);
      assertThat(server.post("/api/v1/changes/" + id + "/approve", "pia", "").status())
          .isEqualTo(200);
      TestServer.Answer merged = server.post("/api/v1/changes/" + id + "/merge", "pat", "");
      assertThat(merged.json().path("outcome").path("merged").asBoolean())
          .as(merged.body())
          .isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aRollbackOpensAChangeBackToAnEarlierRevision(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      String first =
          server
              .post("/api/v1/changes", "sue", deploy(spec("chat", "search", "1.0.0"), "dev"))
              .json()
              .path("autoMerge")
              .path("commit")
              .asText();
      server.post("/api/v1/changes", "sue", deploy(spec("chat", "search", "2.0.0"), "dev"));

      TestServer.Answer rollback =
          server.post(
              "/api/v1/apps/search/chat/rollback",
              "sam",
              "{\"env\": \"dev\", \"revision\": \"" + first + "\"}");

      assertThat(rollback.status()).as(rollback.body()).isEqualTo(201);
      assertThat(rollback.json().path("autoMerge").path("merged").asBoolean()).isTrue();
      assertThat(rollback.json().path("checks").path("renderedChanges").toString())
          .contains("chat:1.0.0");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void namesThatCouldBePathsAreRefused(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      assertThat(server.get("/api/v1/apps/search/..%2F..%2Fetc", "pat").status()).isIn(400, 404);
      assertThat(server.get("/api/v1/apps/Search/chat", "pat").status()).isEqualTo(400);
      String platformEscape =
          "{\"intents\": [{\"type\": \"put-platform-file\", \"path\": \"platform/../../x.yaml\", \"text\": \"a: 1\"}]}";
      assertThat(server.post("/api/v1/changes", "pat", platformEscape).status()).isEqualTo(422);
    }
  }
}
