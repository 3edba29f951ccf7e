package dev.paved.server.http;

import static dev.paved.server.http.ChangesApiTest.deploy;
import static dev.paved.server.http.ChangesApiTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.server.TestServer;
import dev.paved.server.db.DatabaseSettings;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With the database gone (its connection pool closed under the running server): writes are 503
 * before anything changes, reads go on from Git with the status marked unavailable, readiness says
 * so, and a token seen before still works.
 */
class DatabaseOutageTest {

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void writesAre503ReadsDegradeAndNothingIsHalfDone(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      assertThat(
              server
                  .post("/api/v1/changes", "sue", deploy(spec("chat", "search", "1.0.0"), "dev"))
                  .status())
          .isEqualTo(201);
      assertThat(server.get("/api/v1/me", "sue").status()).isEqualTo(200);
      int changesBefore = server.backend().changes().list().size();

      server.services().database().close();

      TestServer.Answer write =
          server.post("/api/v1/changes", "sue", deploy(spec("chat", "search", "2.0.0"), "dev"));
      assertThat(write.status()).isEqualTo(503);
      assertThat(write.json().path("detail").asText()).contains("is not available");
      assertThat(write.json().path("retryable").asBoolean()).isTrue();
      assertThat(server.backend().changes().list()).hasSize(changesBefore);
      assertThat(server.post("/api/v1/tokens", "sue", "{\"name\": \"x\"}").status()).isEqualTo(503);

      TestServer.Answer read = server.get("/api/v1/apps/search/chat", "sue");
      assertThat(read.status()).as(read.body()).isEqualTo(200);
      assertThat(read.json().path("spec").asText()).contains("chat:1.0.0");
      assertThat(read.json().path("envs").get(0).path("reason").asText())
          .startsWith("status unavailable");

      assertThat(server.get("/readyz", Optional.empty()).status()).isEqualTo(503);
      assertThat(server.get("/api/v1/me", "vin").status())
          .as("never seen before: cannot be checked")
          .isEqualTo(503);
    }
  }
}
