package dev.paved.cli;

import static dev.paved.cli.RenderCommandTest.paved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxClients;
import dev.paved.server.auth.PlatformRole;
import dev.paved.server.auth.Principal;
import dev.paved.testing.sandbox.SandboxTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand edit in prod, where Paved does not heal drift by itself: the API, the CLI and the portal
 * show the app OutOfSync with the field, and {@code paved sync} sets it back (a real server syncing
 * to the sandbox).
 */
@SandboxTest
class HandEditIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOTFIX = "ghcr.io/example/search-api:3.2.1-hotfix";
  private final Sandbox sandbox;
  @TempDir Path data;
  private LoggedInServer server;
  private String app;

  HandEditIT(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  @BeforeEach
  void start() {
    server = LoggedInServer.start(data, Map.of("kubeconfig", sandbox.kubeconfig().toString()));
  }

  @AfterEach
  void stop() {
    server.close();
    try (var client = SandboxClients.create(sandbox.kubeconfig())) {
      client.namespaces().withName("search-prod").delete();
    }
  }

  @Test
  void aHandEditInProdIsOutOfSyncWithItsFieldUntilPavedSyncSetsItBack() throws Exception {
    app = "edited-" + Long.toString(System.nanoTime() % 100_000L, 36);
    Path spec = data.resolve("paved.yaml");
    Files.writeString(
        spec,
        Files.readString(Path.of("../examples/web-service.yaml"))
            .replaceFirst("(?m)^app: .*$", "app: " + app)
            .replaceFirst("(?m)^secrets: .*\\n", ""));
    RenderCommandTest.Result deploy =
        paved("deploy", "-f", spec.toString(), "--env", "prod", "-o", "json");
    String change = JSON.readTree(deploy.out()).path("change").asText();
    approveAsAnotherPlatformEngineer(change);
    assertThat(paved("changes", "merge", change).exit()).isZero();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> assertThat(paved("status", app).out()).contains(" HEALTHY").contains("Synced"));

    try (var client = SandboxClients.create(sandbox.kubeconfig())) {
      client
          .apps()
          .deployments()
          .inNamespace("search-prod")
          .withName(app)
          .edit(
              d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(HOTFIX);
                return d;
              });
    }

    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(paved("status", app).out()).contains("OutOfSync"));
    RenderCommandTest.Result diff = paved("diff", app, "--env", "prod");
    assertThat(diff.exit()).as(diff.err()).isEqualTo(1);
    assertThat(diff.out())
        .contains("OutOfSync")
        .contains("~ Deployment/search-prod/" + app)
        .contains("spec.template.spec.containers")
        .contains("- live:  " + HOTFIX);
    assertThat(portalPage()).contains("OutOfSync").contains(HOTFIX).contains("Sync now");

    RenderCommandTest.Result sync = paved("sync", app, "--env", "prod");

    assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
    assertThat(sync.out()).startsWith("synced").contains("healed");
    RenderCommandTest.Result after = paved("diff", app, "--env", "prod", "--refresh");
    assertThat(after.exit()).as(after.out()).isZero();
    assertThat(after.out()).startsWith("Synced");
  }

  @Test
  void pavedTargetsAsksTheServerWhichReachesEachTargetsCluster() throws Exception {
    RenderCommandTest.Result table = paved("targets");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out().lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("sandbox ")
                    .contains("dev,staging,prod", sandbox.config().layout().context())
                    .contains("reachable", "v1.")
                    .contains("×NVIDIA-L4"))
        .anySatisfy(line -> assertThat(line).startsWith("gke ").contains("unused"));

    var json = JSON.readTree(paved("targets", "-o", "json").out()).path("targets");
    assertThat(json)
        .anySatisfy(
            t -> {
              assertThat(t.path("name").asText()).isEqualTo("sandbox");
              assertThat(t.path("cluster").path("state").asText()).isEqualTo("reachable");
              assertThat(t.path("cluster").path("nodes").asInt()).isPositive();
            });
  }

  private void approveAsAnotherPlatformEngineer(String change) throws Exception {
    var services = server.launch().services();
    services.users().put(new Principal("rev", "Rev Viewer", PlatformRole.PLATFORM, Map.of()));
    String token = services.tokens().issue("rev", "it").token();
    HttpResponse<String> approved =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            server.launch().server().url()
                                + "/api/v1/changes/"
                                + change
                                + "/approve"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
  }

  /** The app's page in the portal, signed in with the admin's token. */
  private String portalPage() throws Exception {
    String url = server.launch().server().url().toString();
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    browser.send(
        HttpRequest.newBuilder(URI.create(url + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "token=" + server.launch().adminToken().orElseThrow().token()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return browser
        .send(
            HttpRequest.newBuilder(URI.create(url + "/apps/search/" + app)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
