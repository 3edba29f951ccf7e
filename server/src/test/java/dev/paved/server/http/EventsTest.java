package dev.paved.server.http;

import static dev.paved.server.http.ChangesApiTest.deploy;
import static dev.paved.server.http.ChangesApiTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.server.TestServer;
import dev.paved.server.db.DatabaseSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The live event stream: each subscriber hears its own teams' changes and no one else's. */
class EventsTest {

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void subscribersHearTheChangesOfTheirTeamsOnly(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      List<String> sue = subscribe(server, "sue");
      List<String> vin = subscribe(server, "vin");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sue.contains("event: hello") && vin.contains("event: hello"));

      String searchChange =
          server
              .post("/api/v1/changes", "sue", deploy(spec("chat", "search", "1.0.0"), "dev"))
              .json()
              .path("id")
              .asText();
      String visionChange =
          server
              .post("/api/v1/changes", "vin", deploy(spec("eye", "vision", "1.0.0"), "dev"))
              .json()
              .path("id")
              .asText();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> String.join("\n", sue).contains(searchChange));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> String.join("\n", vin).contains(visionChange));
      assertThat(String.join("\n", sue))
          .contains("event: change")
          .contains("\"state\":\"merged\"")
          .doesNotContain(visionChange);
      assertThat(String.join("\n", vin)).doesNotContain(searchChange);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void theStreamNeedsAToken(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      assertThat(server.get("/api/v1/events", java.util.Optional.empty()).status()).isEqualTo(401);
    }
  }

  private static List<String> subscribe(TestServer server, String user) {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpClient.newHttpClient()
        .sendAsync(
            HttpRequest.newBuilder(server.uri("/api/v1/events"))
                .header("Authorization", "Bearer " + server.token(user))
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofLines())
        .thenAccept(response -> response.body().forEach(lines::add));
    return lines;
  }
}
