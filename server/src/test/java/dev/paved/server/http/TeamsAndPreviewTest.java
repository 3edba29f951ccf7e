package dev.paved.server.http;

import static dev.paved.server.http.ChangesApiTest.deploy;
import static dev.paved.server.http.ChangesApiTest.json;
import static dev.paved.server.http.ChangesApiTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.server.TestServer;
import dev.paved.server.db.DatabaseSettings;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Teams with budget and spend, and previews of draft specs, on H2 and PostgreSQL. */
class TeamsAndPreviewTest {

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aTeamShowsItsMembersBudgetAndTheSpendOfItsDeployments(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      server.post("/api/v1/changes", "sue", deploy(spec("chat", "search", "1.0.0"), "dev"));

      JsonNode team = server.get("/api/v1/teams/search", "sue").json();

      assertThat(team.path("members").toString()).isEqualTo("[\"sam\",\"sue\"]");
      assertThat(team.path("monthlyBudget").asDouble()).isEqualTo(5000);
      assertThat(team.path("apps").get(0).path("app").asText()).isEqualTo("chat");
      assertThat(team.path("monthlySpend").path("min").asDouble()).isPositive();
      assertThat(team.path("spendComplete").asBoolean()).isTrue();
      assertThat(server.get("/api/v1/teams/search", "vin").status()).isEqualTo(403);
      assertThat(server.get("/api/v1/teams", "vin").json().path("teams").findValuesAsText("name"))
          .contains("vision")
          .doesNotContain("search");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aDraftIsRenderedCheckedAndPricedWithoutAChange(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      TestServer.Answer preview =
          server.post(
              "/api/v1/preview",
              "vin",
              "{\"spec\": " + json(spec("draft", "vision", "1.0.0")) + ", \"env\": \"prod\"}");

      assertThat(preview.status()).as(preview.body()).isEqualTo(200);
      JsonNode body = preview.json();
      assertThat(body.path("target").asText()).isEqualTo("sandbox");
      assertThat(body.path("manifests").findValuesAsText("kind")).contains("Deployment", "Service");
      assertThat(body.path("check").path("blocked").isBoolean()).isTrue();
      assertThat(body.path("cost").toString()).contains("total");
      assertThat(
              server.get("/api/v1/changes", "vin").json().path("changes").findValuesAsText("title"))
          .noneMatch(t -> t.contains("draft"));

      TestServer.Answer broken =
          server.post("/api/v1/preview", "vin", "{\"spec\": \"app: x\\nkind: App\\n\"}");
      assertThat(broken.status()).isEqualTo(422);
      assertThat(broken.json().path("location").path("line").asInt()).isPositive();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  @dev.paved.reliability.Reliability(
      area = dev.paved.reliability.Area.SECURITY,
      value = "YAML bombs, deep nesting and huge documents sent to the API")
  void yamlBombsAndDeepNestingAreRefusedWithTheLimitNotAServerError(
      DatabaseSettings settings, dev.paved.reliability.Tally tally) throws Exception {
    tally.counting("hostile documents");
    StringBuilder laughs = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      laughs.append(
          "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n"
              .formatted(i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1));
    }
    String deepYaml = "app: x\nwith:\n  v: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
    String deepJson = "{\"spec\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    try (TestServer server = TestServer.on(settings)) {
      for (String spec : List.of(laughs.toString(), deepYaml)) {
        TestServer.Answer answer =
            server.post(
                "/api/v1/preview", "vin", "{\"spec\": " + json(spec) + ", \"env\": \"dev\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        tally.add();
      }
      TestServer.Answer nested = server.post("/api/v1/preview", "vin", deepJson);
      assertThat(nested.status()).as(nested.body()).isBetween(400, 499);
      assertThat(nested.body()).doesNotContain("Exception").doesNotContain("\tat ");
      tally.add();
      String huge = "{\"spec\": \"" + "x".repeat(5_000_000) + "\", \"env\": \"dev\"}";
      TestServer.Answer tooLarge = server.post("/api/v1/preview", "vin", huge);
      assertThat(tooLarge.status()).as("over the body limit").isEqualTo(413);
      tally.add();
      StringBuilder wide =
          new StringBuilder("app: x\nteam: search\npath: web-service\nwith:\n  env:\n");
      for (int i = 0; wide.length() < 900_000; i++) {
        wide.append("    K").append(i).append(": '").append("v".repeat(30)).append("'\n");
      }
      TestServer.Answer large =
          server.post(
              "/api/v1/preview",
              "vin",
              "{\"spec\": " + json(wide.toString()) + ", \"env\": \"dev\"}");
      assertThat(large.status())
          .as("a 900 kB spec: answered, not a server error")
          .isBetween(200, 499);
      assertThat(large.body()).doesNotContain("\tat ");
      tally.add();
      assertThat(server.get("/readyz", java.util.Optional.empty()).status()).isEqualTo(200);
      tally.held(
          "billion laughs and 5,000-deep YAML 422, 5,000-deep JSON 4xx, a 5 MB body 413, a 900 kB"
              + " spec answered without a server error; no stack trace; the server stayed ready");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aGoldenPathComesWithTheSchemaOfItsParametersForForms(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      JsonNode path = server.get("/api/v1/paths/llm-inference", "vin").json();

      assertThat(path.path("schema").path("properties").path("gpu").path("description").asText())
          .contains("GPU class");
      assertThat(path.path("schema").path("required").toString()).contains("model");
      assertThat(server.get("/api/v1/paths/nope", "vin").status()).isEqualTo(404);
    }
  }
}
