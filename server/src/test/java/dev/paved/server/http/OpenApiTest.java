package dev.paved.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.server.TestServer;
import dev.paved.server.db.DatabaseSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The OpenAPI document served at /api/openapi.json describes exactly the routes served. */
class OpenApiTest {

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void everyServedRouteIsDocumentedAndEveryDocumentedOneIsServed(DatabaseSettings settings) {
    try (TestServer server = TestServer.on(settings)) {
      TestServer.Answer answer = server.get("/api/openapi.json", Optional.empty());
      assertThat(answer.status()).isEqualTo(200);
      JsonNode document = answer.json();
      assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");

      List<Routes.Route> documented = new ArrayList<>();
      document
          .path("paths")
          .fields()
          .forEachRemaining(
              path ->
                  path.getValue()
                      .fieldNames()
                      .forEachRemaining(
                          method ->
                              documented.add(
                                  new Routes.Route(
                                      method.toUpperCase(Locale.ROOT), path.getKey()))));

      assertThat(documented).containsExactlyInAnyOrderElementsOf(server.server().routes());
    }
  }
}
