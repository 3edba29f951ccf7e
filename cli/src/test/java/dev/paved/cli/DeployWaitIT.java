package dev.paved.cli;

import static dev.paved.cli.RenderCommandTest.paved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxClients;
import dev.paved.testing.sandbox.AppSecrets;
import dev.paved.testing.sandbox.SandboxTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands against a real server syncing to the sandbox: {@code deploy --wait} stops with the
 * doctor's finding as soon as it has one, {@code status} shows it as the reason, and {@code logs}
 * says in one sentence why a log cannot be had.
 */
@SandboxTest
class DeployWaitIT {

  private static final String SPEC =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: waiting
      path: web-service
      with: {image: 'ghcr.io/example/api:1.0.0'}
      secrets: [API_KEY]
      """;

  private final Sandbox sandbox;
  @TempDir Path data;
  private LoggedInServer server;

  DeployWaitIT(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  @BeforeEach
  void startServerAndLogIn() {
    server = LoggedInServer.start(data, Map.of("kubeconfig", sandbox.kubeconfig().toString()));
  }

  @AfterEach
  void stop() {
    server.close();
    try (var client = SandboxClients.create(sandbox.kubeconfig())) {
      client.namespaces().withName("waiting-dev").delete();
    }
  }

  @Test
  void waitStopsWithTheDoctorsFindingAndStatusShowsItUntilTheSecretExists() throws Exception {
    String app = "api-" + Long.toString(System.nanoTime() % 1_000_000L, 36);
    Path spec = data.resolve("paved.yaml");
    Files.writeString(spec, SPEC.formatted(app));

    RenderCommandTest.Result deploy =
        paved(
            "deploy",
            "-f",
            spec.toString(),
            "--env",
            "dev",
            "--wait",
            "--timeout",
            "10m",
            "-o",
            "json");

    assertThat(deploy.exit()).as(deploy.err()).isEqualTo(1);
    JsonNode result = new ObjectMapper().readTree(deploy.out());
    assertThat(result.path("state").asText()).isEqualTo("failing");
    assertThat(result.path("problem").path("code").asText()).isEqualTo("CONFIG_MISSING");
    assertThat(deploy.err())
        .contains("cannot become Healthy in dev: the doctor found CONFIG_MISSING")
        .contains("kubectl create secret generic " + app + "-secrets -n waiting-dev")
        .contains("--from-literal=API_KEY=<value>");

    RenderCommandTest.Result status = paved("status", app);
    assertThat(status.out()).contains("DEGRADED").contains("CONFIG_MISSING: The Secret");

    RenderCommandTest.Result logs = paved("logs", app, "--env", "dev");
    assertThat(logs.exit()).as(logs.err()).isZero();
    assertThat(logs.out())
        .contains(": no log: it runs on the simulated node")
        .doesNotContain("Status(")
        .doesNotContain("Failure executing");

    try (var client = SandboxClients.create(sandbox.kubeconfig())) {
      AppSecrets.provide(client, "waiting-dev", app, "API_KEY"); // as the fix says
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(paved("status", app).out()).contains("HEALTHY"));
  }
}
