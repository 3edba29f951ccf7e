package dev.paved.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cluster.sandbox.CloudProfile;
import dev.paved.cluster.sandbox.NodePlan;
import dev.paved.cluster.sandbox.NodePool;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxClients;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.server.PavedServer;
import dev.paved.server.Services;
import dev.paved.server.auth.PlatformRole;
import dev.paved.server.auth.Principal;
import dev.paved.server.db.Database;
import dev.paved.server.db.DatabaseSettings;
import dev.paved.server.json.JsonMapping;
import dev.paved.server.platform.Backend;
import dev.paved.server.platform.ClusterMode;
import dev.paved.testing.sandbox.ManagedObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two sandboxes as two targets of one server (profile gke for dev, eks for prod): one app lands on
 * the right cluster in each environment; killing prod's API server makes only prod's app Unknown
 * while dev keeps syncing, nothing is pruned anywhere, and both recover.
 */
class TwoClustersIT {

  private static final String APP_SPEC =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: search
      path: web-service
      with:
        image: ghcr.io/example/%s:1.0.0
      """;

  private static Sandbox gke;
  private static Sandbox eks;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startTwoSandboxes() {
    NodePlan small = new NodePlan(Map.of(NodePool.CPU, 1, NodePool.L4, 1), CloudProfile.GKE);
    gke = new Sandbox(SandboxConfig.defaults().named("it-gke").withNodes(small));
    eks =
        new Sandbox(
            SandboxConfig.defaults()
                .named("it-eks")
                .withNodes(small.withProfile(CloudProfile.EKS)));
    for (Sandbox sandbox : new Sandbox[] {gke, eks}) {
      sandbox.down(); // one an earlier run left, if any
      deleteTree(sandbox.config().layout().dataDir()); // fresh etcd: no earlier run's objects
      sandbox.up();
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopThem() {
    for (Sandbox sandbox : new Sandbox[] {gke, eks}) {
      if (sandbox != null) {
        sandbox.down();
      }
    }
  }

  /** The built-in sandbox target, renamed, serving {@code envs}, on the context {@code context}. */
  private static String target(String name, String envs, String context) throws IOException {
    try (InputStream in =
        TwoClustersIT.class.getResourceAsStream("/paved/platform/targets/sandbox.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replaceFirst("(?m)^  name: sandbox$", "  name: " + name)
          .replaceFirst("(?m)^  environments: .*$", "  environments: " + envs)
          .replaceFirst("(?m)^  context: .*$", "  context: " + context);
    }
  }

  @Test
  void oneAppLandsOnTheRightClusterPerEnvironmentAndOneClusterDownLeavesTheOtherSyncing()
      throws Exception {
    Path data = Files.createTempDirectory("paved-two-clusters-");
    try (Database database = Database.open(DatabaseSettings.inMemory("two-clusters"));
        Backend backend =
            Backend.start(
                data.resolve("platform.git"),
                "file:///platform.git",
                new ClusterMode.Kubeconfig(
                    List.of(gke.kubeconfig(), eks.kubeconfig()), Optional.empty()),
                database)) {
      Services services = Services.over(database, backend, Clock.systemUTC());
      services.users().put(new Principal("pat", "Pat", PlatformRole.PLATFORM, Map.of()));
      services.users().put(new Principal("pia", "Pia", PlatformRole.PLATFORM, Map.of()));
      String pat = services.tokens().issue("pat", "it").token();
      String pia = services.tokens().issue("pia", "it").token();
      try (PavedServer server = PavedServer.start("127.0.0.1", 0, services)) {
        Api api = new Api(server, http);
        String platform =
            api.send(
                    "POST",
                    "/api/v1/changes",
                    pat,
                    "{\"title\": \"dev on gke, prod on eks\", \"intents\": ["
                        + platformFile("sandbox", target("sandbox", "[staging]", "paved-it-gke"))
                        + ","
                        + platformFile("it-gke", target("it-gke", "[dev]", "paved-it-gke"))
                        + ","
                        + platformFile("it-eks", target("it-eks", "[prod]", "paved-it-eks"))
                        + "]}")
                .path("id")
                .asText();
        api.approveAndMerge(platform, pia, pat);

        assertThat(api.deploy("twin", "dev", pat).path("autoMerge").path("merged").asBoolean())
            .isTrue();
        api.approveAndMerge(api.deploy("twin", "prod", pat).path("id").asText(), pia, pat);

        try (KubernetesClient onGke = SandboxClients.create(gke.kubeconfig());
            KubernetesClient onEks = SandboxClients.create(eks.kubeconfig())) {
          await()
              .atMost(Duration.ofMinutes(2))
              .untilAsserted(
                  () -> {
                    assertThat(api.health("twin", "dev", pat)).isEqualTo("HEALTHY");
                    assertThat(api.health("twin", "prod", pat)).isEqualTo("HEALTHY");
                  });
          assertThat(deployment(onGke, "search-dev", "twin")).as("dev on gke").isTrue();
          assertThat(deployment(onEks, "search-prod", "twin")).as("prod on eks").isTrue();
          assertThat(deployment(onGke, "search-prod", "twin")).as("prod not on gke").isFalse();
          assertThat(deployment(onEks, "search-dev", "twin")).as("dev not on eks").isFalse();
          assertThat(api.send("GET", "/api/v1/targets", pat, "").path("targets"))
              .anySatisfy(
                  t -> {
                    assertThat(t.path("name").asText()).isEqualTo("it-eks");
                    assertThat(t.path("cluster").path("state").asText()).isEqualTo("reachable");
                    assertThat(t.path("cluster").path("connection").asText())
                        .isEqualTo("paved-it-eks");
                    assertThat(t.path("cluster").path("kubernetesVersion").asText())
                        .startsWith("v1.");
                    assertThat(t.path("cluster").path("gpus").path("NVIDIA-L4").asInt())
                        .isEqualTo(4);
                  });

          ProcessHandle.of(ManagedObjects.apiserverPid(eks))
              .ifPresent(ProcessHandle::destroyForcibly);
          assertThat(api.deploy("solo", "dev", pat).path("autoMerge").path("merged").asBoolean())
              .as("a new app in dev merges while prod's cluster is down")
              .isTrue();

          await()
              .atMost(Duration.ofMinutes(2))
              .untilAsserted(
                  () -> {
                    assertThat(api.health("twin", "prod", pat)).isEqualTo("UNKNOWN");
                    assertThat(deployment(onGke, "search-dev", "solo")).as("dev syncs on").isTrue();
                    assertThat(api.health("solo", "dev", pat)).isEqualTo("HEALTHY");
                    assertThat(api.health("twin", "dev", pat)).isEqualTo("HEALTHY");
                    assertThat(api.clusterState("it-eks", pat)).isEqualTo("unreachable");
                    assertThat(api.clusterState("it-gke", pat)).isEqualTo("reachable");
                  });

          eks.up();
          await()
              .atMost(Duration.ofMinutes(2))
              .untilAsserted(
                  () -> assertThat(api.health("twin", "prod", pat)).isEqualTo("HEALTHY"));
          assertThat(deployment(onEks, "search-prod", "twin")).as("nothing pruned on eks").isTrue();
          assertThat(deployment(onGke, "search-dev", "twin")).as("nothing pruned on gke").isTrue();
          assertThat(deployment(onEks, "search-dev", "solo")).as("solo only on gke").isFalse();
        }
      }
    }
  }

  private static boolean deployment(KubernetesClient client, String namespace, String app) {
    return client.apps().deployments().inNamespace(namespace).withName(app).get() != null;
  }

  private static String platformFile(String name, String text) throws IOException {
    return "{\"type\": \"put-platform-file\", \"path\": \"platform/targets/"
        + name
        + ".yaml\", \"text\": "
        + JsonMapping.MAPPER.writeValueAsString(text)
        + "}";
  }

  /** The API as pat and pia use it. */
  private record Api(PavedServer server, HttpClient http) {

    JsonNode send(String method, String path, String token, String body) throws Exception {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + path))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .method(method, HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode())
          .as(method + " " + path + ": " + response.body())
          .isLessThan(300);
      return JsonMapping.MAPPER.readTree(response.body());
    }

    /** Opens the deploy of {@code app} to {@code env}; returns the change. */
    JsonNode deploy(String app, String env, String token) throws Exception {
      return send(
          "POST",
          "/api/v1/changes",
          token,
          "{\"intents\": [{\"type\": \"put-app\", \"spec\": "
              + JsonMapping.MAPPER.writeValueAsString(APP_SPEC.formatted(app, app))
              + ", \"envs\": [\""
              + env
              + "\"]}]}");
    }

    void approveAndMerge(String change, String approver, String author) throws Exception {
      send("POST", "/api/v1/changes/" + change + "/approve", approver, "");
      send("POST", "/api/v1/changes/" + change + "/merge", author, "");
    }

    String clusterState(String target, String token) throws Exception {
      for (JsonNode t : send("GET", "/api/v1/targets", token, "").path("targets")) {
        if (t.path("name").asText().equals(target)) {
          return t.path("cluster").path("state").asText();
        }
      }
      return "absent";
    }

    String health(String name, String env, String token) throws Exception {
      for (JsonNode app : send("GET", "/api/v1/apps?team=search", token, "").path("apps")) {
        if (app.path("app").asText().equals(name)) {
          for (JsonNode e : app.path("envs")) {
            if (e.path("env").asText().equals(env)) {
              return e.path("health").asText();
            }
          }
        }
      }
      return "absent";
    }
  }
}
