package dev.paved.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.server.TestServer;
import dev.paved.server.audit.AuditEntry;
import dev.paved.server.db.DatabaseSettings;
import java.net.http.HttpRequest;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Health, auth, tokens, errors and metrics of the API, on H2 and PostgreSQL. */
class ApiBasicsTest {

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void healthAndReadinessNeedNoToken(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      assertThat(server.get("/healthz", Optional.empty()).json().path("status").asText())
          .isEqualTo("ok");
      TestServer.Answer ready = server.get("/readyz", Optional.empty());
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().path("database").asText()).isEqualTo("up");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void withoutATokenTheApiAnswers401WithAProblemAndAHint(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      TestServer.Answer answer = server.get("/api/v1/me", Optional.empty());

      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
      JsonNode problem = answer.json();
      assertThat(problem.path("status").asInt()).isEqualTo(401);
      assertThat(problem.path("detail").asText()).contains("no token");
      assertThat(problem.path("hint").asText()).contains("paved login");
      assertThat(answer.body()).doesNotContain("Exception", "\tat ");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  @dev.paved.reliability.Reliability(
      area = dev.paved.reliability.Area.SECURITY,
      value = "token brute force at the API throttled")
  void aWrongTokenIs401AndIsAuditedAndPastTenFailuresAMinuteFailuresAre429(
      DatabaseSettings settings, dev.paved.reliability.Tally tally) {
    tally.counting("guessed tokens");
    try (TestServer server = TestServer.on(settings)) {
      String wrong = "pvd_AAAAAAAAAAAA_" + "D".repeat(32);
      for (int i = 0; i < 10; i++) {
        tally.add();
        assertThat(server.get("/api/v1/me", Optional.of(wrong)).status()).isEqualTo(401);
      }
      tally.add();

      TestServer.Answer blocked = server.get("/api/v1/me", Optional.of(wrong));
      TestServer.Answer valid = server.get("/api/v1/me", Optional.of(server.token("sue")));

      assertThat(blocked.status()).isEqualTo(429);
      assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
      // a shared address (a proxy, a NAT) is not locked out by someone else's guesses
      assertThat(valid.status()).isEqualTo(200);
      assertThat(server.services().audit().recent(20))
          .filteredOn(e -> e.action().equals("auth.failed"))
          .hasSize(11)
          .allSatisfy(e -> assertThat(e.outcome()).isEqualTo("denied"));
    }
    tally.held(
        "10 guesses answered 401, the 11th 429 with Retry-After; every guess audited; a valid"
            + " token from the same address still works");
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void meSaysWhoTheTokenBelongsTo(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      JsonNode me = server.get("/api/v1/me", "sam").json();

      assertThat(me.path("user").asText()).isEqualTo("sam");
      assertThat(me.path("platformRole").asText()).isEqualTo("none");
      assertThat(me.path("teams").path("search").asText()).isEqualTo("admin");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aNewTokenIsShownOnceWorksAndStopsWorkingWhenRevoked(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      TestServer.Answer created = server.post("/api/v1/tokens", "sue", "{\"name\": \"laptop\"}");
      assertThat(created.status()).isEqualTo(201);
      String token = created.json().path("token").asText();
      String id = created.json().path("id").asText();
      assertThat(server.get("/api/v1/me", Optional.of(token)).json().path("user").asText())
          .isEqualTo("sue");

      TestServer.Answer listed = server.get("/api/v1/tokens", "sue");
      assertThat(listed.body()).contains("laptop").doesNotContain(token);

      assertThat(server.delete("/api/v1/tokens/" + id, "sam").status()).isEqualTo(404);
      assertThat(server.delete("/api/v1/tokens/" + id, "sue").status()).isEqualTo(204);
      assertThat(server.get("/api/v1/me", Optional.of(token)).status()).isEqualTo(401);
      assertThat(server.services().audit().recent(50))
          .extracting(AuditEntry::action)
          .contains("token.create", "token.revoke");
      assertThat(server.services().audit().recent(50))
          .allSatisfy(e -> assertThat(e.detail()).doesNotContain(token));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void badBodiesAre422WithTheirPosition(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      TestServer.Answer unknown =
          server.post("/api/v1/tokens", "sue", "{\n  \"name\": \"ci\",\n  \"nmae\": \"x\"\n}");
      assertThat(unknown.status()).isEqualTo(422);
      assertThat(unknown.json().path("detail").asText()).isEqualTo("unknown field \"nmae\"");
      assertThat(unknown.json().path("location").path("line").asInt()).isEqualTo(3);

      TestServer.Answer broken = server.post("/api/v1/tokens", "sue", "{\"name\": ");
      assertThat(broken.status()).isEqualTo(422);
      assertThat(broken.json().path("detail").asText()).startsWith("the body is not valid");

      TestServer.Answer empty = server.post("/api/v1/tokens", "sue", "{\"name\": \"  \"}");
      assertThat(empty.status()).isEqualTo(422);
      assertThat(empty.json().path("hint").asText()).contains("laptop");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void oversizedBodiesAre413AndUnknownRoutes404AsProblems(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      String huge = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
      TestServer.Answer tooLarge = server.post("/api/v1/tokens", "sue", huge);
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(tooLarge.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));

      TestServer.Answer missing = server.get("/api/v1/nothing-here", "sue");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().path("hint").asText()).contains("/api/openapi.json");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void pathsAndTargetsListTheBuiltInPlatform(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      assertThat(server.get("/api/v1/paths", "vin").json().path("paths").findValuesAsText("name"))
          .contains("llm-inference", "web-service", "fine-tune");
      assertThat(
              server.get("/api/v1/targets", "vin").json().path("targets").findValuesAsText("name"))
          .contains("sandbox", "gke", "eks");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void metricsCountRequestsPerRouteAndStatus(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      server.get("/api/v1/me", "sue");
      server.get("/api/v1/me", Optional.empty());

      String metrics =
          server
              .send(HttpRequest.newBuilder(server.uri("/metrics")).GET(), Optional.empty())
              .body();

      assertThat(metrics)
          .contains(
              "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/me\",status=\"200\"} 1")
          .contains("status=\"401\"");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aPortInUseIsAnEnvironmentErrorSayingWhatToDo(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      int taken = server.server().port();

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> dev.paved.server.PavedServer.start("127.0.0.1", taken, server.services()))
          .isInstanceOf(dev.paved.core.error.EnvironmentException.class)
          .hasMessageContaining("port " + taken + " on 127.0.0.1 is already in use")
          .satisfies(
              e ->
                  assertThat(((dev.paved.core.error.EnvironmentException) e).hint())
                      .contains("--port"));
    }
  }
}
