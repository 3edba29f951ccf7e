package dev.paved.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxLabels;
import dev.paved.server.PavedServer;
import dev.paved.server.Services;
import dev.paved.server.auth.PlatformRole;
import dev.paved.server.auth.Principal;
import dev.paved.server.db.Database;
import dev.paved.server.db.DatabaseSettings;
import dev.paved.server.json.JsonMapping;
import dev.paved.server.platform.Backend;
import dev.paved.server.platform.ClusterMode;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server against the sandbox: a change merged through the API is synced and Healthy, and when
 * its pods start failing, the doctor's findings come through the API for the app's team only. On H2
 * and PostgreSQL.
 */
@SandboxTest
class ServerDoctorIT {

  private static final String SPEC =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: diag
      path: web-service
      with:
        image: ghcr.io/example/%s:1.0.0
      """;

  private final KubernetesClient client;
  private final Sandbox sandbox;
  private final HttpClient http = HttpClient.newHttpClient();

  /** What the test deployed lives in the team's namespace; the sandbox's nodes are shared. */
  @org.junit.jupiter.api.AfterEach
  void removeTheTeamsNamespace() {
    client.namespaces().withName("diag-dev").delete();
    client.namespaces().withName("demo-dev").delete();
  }

  ServerDoctorIT(KubernetesClient client, Sandbox sandbox) {
    this.client = client;
    this.sandbox = sandbox;
  }

  @ParameterizedTest
  @MethodSource("dev.paved.server.db.TestDatabases#both")
  void aFailingAppsFindingsComeThroughTheApiForItsTeamOnly(DatabaseSettings settings)
      throws Exception {
    String app = "doc-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    try (Database database = Database.open(settings);
        Backend backend =
            Backend.start(
                Files.createTempDirectory("paved-it-").resolve("platform.git"),
                "file:///platform.git",
                new ClusterMode.Kubeconfig(sandbox.kubeconfig(), Optional.empty()),
                database)) {
      Services services = Services.over(database, backend, Clock.systemUTC());
      services.users().put(new Principal("pat", "Pat", PlatformRole.PLATFORM, Map.of()));
      services.users().put(new Principal("vin", "Vin", PlatformRole.NONE, Map.of()));
      String pat = services.tokens().issue("pat", "it").token();
      String vin = services.tokens().issue("vin", "it").token();
      try (PavedServer server = PavedServer.start("127.0.0.1", 0, services)) {
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        http.sendAsync(
                HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/events"))
                    .header("Authorization", "Bearer " + pat)
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofLines())
            .thenAccept(response -> response.body().forEach(events::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("event: hello"));
        String body =
            "{\"intents\": [{\"type\": \"put-app\", \"spec\": "
                + JsonMapping.MAPPER.writeValueAsString(SPEC.formatted(app, app))
                + ", \"envs\": [\"dev\"]}]}";
        JsonNode opened = send(server, "POST", "/api/v1/changes", pat, body);
        assertThat(opened.path("autoMerge").path("merged").asBoolean())
            .as(opened.toString())
            .isTrue();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> "HEALTHY".equals(dev(server, app, pat).path("health").asText()));

        breakPods(app);

        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () ->
                    assertThat(
                            send(
                                    server,
                                    "GET",
                                    "/api/v1/apps/diag/" + app + "/findings?env=dev",
                                    pat,
                                    "")
                                .path("findings")
                                .findValuesAsText("code"))
                        .contains("OOM_KILLED"));
        JsonNode finding =
            send(server, "GET", "/api/v1/apps/diag/" + app + "/findings?env=dev", pat, "")
                .path("findings")
                .get(0);
        assertThat(finding.path("object").asText()).isEqualTo("Deployment/diag-dev/" + app);
        assertThat(finding.path("app").asText()).isEqualTo(app);
        assertThat(finding.path("fix").asText()).isNotBlank();
        assertThat(status(server, "/api/v1/apps/diag/" + app + "/findings?env=dev", vin))
            .isEqualTo(403);
        HttpResponse<String> logs =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            server.url() + "/api/v1/apps/diag/" + app + "/logs?env=dev&tail=50"))
                    .header("Authorization", "Bearer " + pat)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        // KWOK's fake nodes serve no logs: the edge of what the sandbox can show
        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(logs.body())
            .startsWith("# " + app + "-")
            .contains("/app: no log: it runs on the simulated node sandbox-")
            .doesNotContain("Status(")
            .doesNotContain("Failure executing");
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  String stream = String.join("\n", events);
                  assertThat(stream).contains("event: sync").contains("\"app\":\"" + app + "\"");
                  assertThat(stream).contains("event: findings").contains("OOM_KILLED");
                  assertThat(stream).contains("event: status").contains("\"health\":\"HEALTHY\"");
                });
      }
    }
  }

  /** A hand edit beside Paved's own fields: the pods now simulate running out of memory. */
  private void breakPods(String app) {
    client
        .apps()
        .deployments()
        .inNamespace("diag-dev")
        .withName(app)
        .edit(
            (Deployment d) -> {
              d.getSpec()
                  .getTemplate()
                  .getMetadata()
                  .setAnnotations(Map.of(SandboxLabels.SIMULATE, "oom"));
              d.getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .getFirst()
                  .getResources()
                  .setLimits(
                      Map.of(
                          "memory",
                          new io.fabric8.kubernetes.api.model.Quantity("1Gi"),
                          "cpu",
                          new io.fabric8.kubernetes.api.model.Quantity("1")));
              return d;
            });
  }

  private JsonNode dev(PavedServer server, String app, String token) throws Exception {
    return send(server, "GET", "/api/v1/apps/diag/" + app, token, "").path("envs").get(0);
  }

  private JsonNode send(PavedServer server, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Authorization", "Bearer " + token);
    request =
        "POST".equals(method)
            ? request.POST(HttpRequest.BodyPublishers.ofString(body))
            : request.GET();
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    return new ObjectMapper().readTree(response.body());
  }

  private int status(PavedServer server, String path, String token) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
