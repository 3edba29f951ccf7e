package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.testing.ChildJvm;
import dev.paved.testing.sandbox.AppSecrets;
import dev.paved.testing.sandbox.SandboxTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, as a user runs it: {@code paved up} (the real jar, a process of its own) prints the
 * portal URL and an admin token and logs the CLI in; {@code paved deploy -f
 * examples/llm-inference.yaml --env dev --wait} stops at once with the doctor's finding that the
 * model server's Secret is missing and the command that creates it; once it exists the app is
 * Healthy with its endpoint; after a stop (SIGTERM) and a new start, changes, history, status and
 * the token are still there. Once on the embedded H2 database and once on PostgreSQL.
 */
@SandboxTest
class PlatformUpIT {

  private static final Pattern API = Pattern.compile("API:\\s+(http://\\S+)/api/v1");

  private final Sandbox sandbox;

  PlatformUpIT(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /**
   * The apps deployed by the walk live in search-dev (and demo-dev, the seed's); the nodes are
   * shared.
   */
  @org.junit.jupiter.api.AfterEach
  void removeTheDeployedNamespaces() {
    try (var client = dev.paved.cluster.sandbox.SandboxClients.create(sandbox.kubeconfig())) {
      client.namespaces().withName("search-dev").delete();
      client.namespaces().withName("demo-dev").delete();
    }
  }

  @Test
  void upDeployAndRestartOnTheEmbeddedDatabase(@TempDir Path data) throws Exception {
    walk(data, "chat-h2", List.of());
  }

  @Test
  void upDeployAndRestartOnPostgreSql(@TempDir Path data) throws Exception {
    String url = System.getenv("PAVED_TEST_POSTGRES_URL");
    assertThat(url).as("PAVED_TEST_POSTGRES_URL (./test sets it)").isNotBlank();
    String schema = "it_" + Long.toString(System.nanoTime(), 36);
    walk(data, "chat-pg", List.of("--db", url, "-Dschema=" + schema));
  }

  private void walk(Path data, String app, List<String> dbArgs) throws Exception {
    Path credentials = data.resolve("credentials.json");
    Path spec = data.resolve("paved.yaml");
    Files.writeString(
        spec,
        Files.readString(Path.of("../examples/llm-inference.yaml"))
            .replace("app: chat", "app: " + app));

    String port = freePort();
    Up first = Up.start(data, credentials, sandbox, port, dbArgs);
    try {
      assertThat(first.token()).matches("pvd_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
          .isEqualTo("rw-------");
      HttpClient browser =
          HttpClient.newBuilder()
              .cookieHandler(new java.net.CookieManager())
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      HttpResponse<String> portal =
          browser.send(
              HttpRequest.newBuilder(URI.create(first.url() + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(portal.statusCode()).isEqualTo(200);
      assertThat(portal.body()).contains("Sign in");
      HttpResponse<String> signedIn =
          browser.send(
              HttpRequest.newBuilder(URI.create(first.url() + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("token=" + first.token()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(signedIn.statusCode()).isEqualTo(200);
      assertThat(signedIn.body()).contains("Sign out").contains("hello");

      RenderCommandTest.Result deploy =
          withCredentials(
              credentials,
              () ->
                  RenderCommandTest.paved(
                      "deploy",
                      "-f",
                      spec.toString(),
                      "--env",
                      "dev",
                      "--wait",
                      "--timeout",
                      "5m"));
      assertThat(deploy.exit()).as(deploy.err()).isEqualTo(1);
      assertThat(deploy.err())
          .contains("the doctor found CONFIG_MISSING")
          .contains("kubectl create secret generic " + app + "-secrets -n search-dev");
      try (var client = dev.paved.cluster.sandbox.SandboxClients.create(sandbox.kubeconfig())) {
        AppSecrets.provide(client, "search-dev", app, "HF_TOKEN", "VLLM_API_KEY"); // as it says
      }
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                JsonNode now = devStatus(credentials, app);
                assertThat(now.path("health").asText()).as(now.toString()).isEqualTo("HEALTHY");
                assertThat(now.path("endpoint").asText())
                    .isEqualTo("http://" + app + ".search-dev.svc.cluster.local");
              });
    } finally {
      first.stop();
    }
    assertThat(first.stderr()).contains("stopping");

    Up second = Up.start(data, credentials, sandbox, port, dbArgs);
    try {
      assertThat(second.stdout()).contains("paved login").doesNotContain("pvd_");
      JsonNode dev = devStatus(credentials, app);
      assertThat(dev.path("syncStatus").asText()).as("kept across the restart").isEqualTo("SYNCED");
      String revision = dev.path("revision").asText();
      assertThat(revision).hasSize(40);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                JsonNode now = devStatus(credentials, app);
                assertThat(now.path("health").asText()).isEqualTo("HEALTHY");
                assertThat(now.path("revision").asText()).isEqualTo(revision);
              });
      RenderCommandTest.Result status =
          withCredentials(credentials, () -> RenderCommandTest.paved("status", app));
      assertThat(status.out()).contains("search/" + app);
    } finally {
      second.stop();
    }
  }

  private static JsonNode devStatus(Path credentials, String app) throws Exception {
    RenderCommandTest.Result apps =
        withCredentials(credentials, () -> RenderCommandTest.paved("apps", "-o", "json"));
    assertThat(apps.exit()).as(apps.err()).isZero();
    return findApp(new ObjectMapper().readTree(apps.out()), app)
        .orElseThrow(() -> new AssertionError(apps.out()))
        .path("envs")
        .get(0);
  }

  /** The same port for both starts, as a real installation keeps its port. */
  private static String freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return String.valueOf(socket.getLocalPort());
    }
  }

  private static Optional<JsonNode> findApp(JsonNode root, String app) {
    for (JsonNode a : root.path("apps")) {
      if (app.equals(a.path("app").asText())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static RenderCommandTest.Result withCredentials(
      Path file, java.util.concurrent.Callable<RenderCommandTest.Result> call) throws Exception {
    String before = System.getProperty("paved.credentials");
    System.setProperty("paved.credentials", file.toString());
    try {
      return call.call();
    } finally {
      if (before == null) {
        System.clearProperty("paved.credentials");
      } else {
        System.setProperty("paved.credentials", before);
      }
    }
  }

  /** A {@code paved up} process, its output read as it comes. */
  private record Up(
      Process process,
      String url,
      String token,
      List<String> out,
      List<String> err,
      List<Thread> pumps) {

    static Up start(Path data, Path credentials, Sandbox sandbox, String port, List<String> dbArgs)
        throws Exception {
      List<String> command = new ArrayList<>();
      command.addAll(ChildJvm.java());
      command.add("-jar");
      command.add("target/paved.jar");
      command.addAll(
          List.of(
              "up",
              "--data-dir",
              data.toString(),
              "--port",
              port,
              "--sandbox-dir",
              sandbox.config().layout().dataDir().toString()));
      ProcessBuilder builder = new ProcessBuilder(command);
      for (String arg : dbArgs) {
        if (arg.startsWith("-Dschema=")) {
          builder.environment().put("PAVED_DB_SCHEMA", arg.substring(9));
        } else {
          command.add(arg);
        }
      }
      builder.command(command);
      builder.environment().put("PAVED_CREDENTIALS", credentials.toString());
      Process process = builder.start();
      List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
      List<String> err = java.util.Collections.synchronizedList(new ArrayList<>());
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread outPump = pump(process.getInputStream(), out, lines);
      Thread errPump = pump(process.getErrorStream(), err, new LinkedBlockingQueue<>());
      String url = "";
      String token = "";
      while (true) {
        String line = lines.poll(180, TimeUnit.SECONDS);
        if (line == null) {
          process.destroyForcibly();
          throw new AssertionError(
              "paved up printed no 'Ctrl-C stops it.' in 180 s; stderr: " + err);
        }
        Matcher api = API.matcher(line);
        if (api.find()) {
          url = api.group(1);
        }
        if (line.strip().startsWith("pvd_")) {
          token = line.strip();
        }
        if (line.startsWith("Ctrl-C stops it.")) {
          break;
        }
      }
      return new Up(process, url, token, out, err, List.of(outPump, errPump));
    }

    private static Thread pump(
        java.io.InputStream stream, List<String> all, BlockingQueue<String> lines) {
      return Thread.ofVirtual()
          .start(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    all.add(line);
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // the process ended
                }
              });
    }

    /** SIGTERM, as Ctrl-C or a service manager sends it; the shutdown must be orderly and quick. */
    void stop() throws InterruptedException {
      // ProcessHandle, not Process.destroy(): that one also closes our ends of its pipes, and the
      // shutdown's last lines would be lost
      process.toHandle().destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("paved up did not stop within 60 s of SIGTERM");
      }
      for (Thread pump : pumps) {
        pump.join(5000);
      }
    }

    String stdout() {
      return String.join("\n", out);
    }

    String stderr() {
      return String.join("\n", err);
    }
  }
}
