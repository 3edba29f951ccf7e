package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxClients;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import dev.paved.testing.sandbox.SandboxTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets planted everywhere a real installation has them: the database password, the Git mirror's
 * token file, the admin token, an API token made through the API, a portal session, wrong tokens
 * tried at the API, and secret values sent in every part of a change (a spec's secrets, args and
 * comments, a prod deploy, a title, a team file: each refused). After a working session on the real
 * server against the sandbox (apps deployed, synced, read, a change refused), every object of the
 * platform repository and of its mirror (reachable or not: the whole history), and every line the
 * server printed, are searched for each secret value and for anything shaped like a Paved token.
 * Nothing may be found.
 */
@SandboxTest
class SecretsScanIT {

  private static final Pattern TOKEN_SHAPE = Pattern.compile("pvd_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Sandbox sandbox;

  SecretsScanIT(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  @Test
  @Reliability(
      area = Area.SECURITY,
      value = "secrets scan of the whole Git history and the server's log")
  void noSecretValueReachesGitOrTheLog(@TempDir Path data, Tally tally) throws Exception {
    tally.counting("secret values looked for");
    String pg = System.getenv("PAVED_TEST_POSTGRES_URL");
    assertThat(pg).as("PAVED_TEST_POSTGRES_URL (./test sets it)").isNotBlank();
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("database password", "pg-" + random(24));
    secrets.put("Git mirror token", "ghp_" + random(36));
    Path tokenFile = data.resolve("git-token");
    Files.writeString(tokenFile, secrets.get("Git mirror token") + "\n");
    Path mirror = data.resolve("mirror.git");
    assertThat(
            new ProcessBuilder("git", "init", "-q", "--bare", mirror.toString()).start().waitFor())
        .isZero();
    PlatformRepo repo =
        PlatformRepo.create(data.resolve("server").resolve("platform.git"), "scan", 0);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PAVED_CREDENTIALS", data.resolve("credentials.json").toString());
    env.put("PAVED_DB_PASSWORD", secrets.get("database password"));
    env.put("PAVED_DB_SCHEMA", "scan_" + Long.toString(System.nanoTime(), 36));
    env.put("PAVED_GIT_REMOTE", "file://" + mirror);
    env.put("PAVED_GIT_TOKEN_FILE", tokenFile.toString());
    List<String> args = List.of("--db", pg, "--kubeconfig", sandbox.kubeconfig().toString());
    String log;
    try (PavedProcess server =
        PavedProcess.server(data.resolve("server"), PavedProcess.freePort(), env, args)) {
      String admin = server.token().orElseThrow(() -> new AssertionError(server.output()));
      secrets.put("admin token", admin);
      session(server, admin, repo.team(), secrets);
      server.stop();
      log = server.output();
    } finally {
      try (var client = SandboxClients.create(sandbox.kubeconfig())) {
        client.namespaces().withName(repo.namespace()).delete();
      }
    }
    List<String> found = new ArrayList<>();
    String history = everyObject(data.resolve("server").resolve("platform.git"));
    String mirrored = everyObject(mirror);
    assertThat(mirrored).as("the mirror got the history").contains("kind: App");
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      tally.add();
      for (Map.Entry<String, String> place :
          Map.of(
                  "the platform repository",
                  history,
                  "its mirror",
                  mirrored,
                  "the server's log",
                  log)
              .entrySet()) {
        if (place.getValue().contains(secret.getValue())) {
          found.add(secret.getKey() + " in " + place.getKey());
        }
      }
    }
    for (String place : List.of(history, mirrored, log)) {
      TOKEN_SHAPE
          .matcher(place)
          .results()
          .forEach(m -> found.add("a token-shaped string " + m.group()));
    }
    assertThat(found).as("secret values found").isEmpty();
    tally.held(
        "%d secret values and the token shape searched in %,d bytes of Git objects (the repository and its mirror, every object, reachable or not) and %,d lines of server log: 0 found"
            .formatted(secrets.size(), history.length() + mirrored.length(), log.lines().count()));
  }

  /** A working session: tokens, sign-in, wrong tokens, apps deployed and synced, a bad spec. */
  private static void session(
      PavedProcess server, String admin, String team, Map<String, String> secrets)
      throws Exception {
    PavedProcess.Answer issued = server.post("/api/v1/tokens", admin, "{\"name\": \"ci\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    secrets.put("API token", issued.json().path("token").asText());
    for (int i = 0; i < 3; i++) {
      String wrong = "pvd_" + random(12) + "_" + random(32);
      secrets.put("wrong token " + (i + 1), wrong);
      assertThat(server.get("/api/v1/me", wrong).status()).isEqualTo(401);
    }
    HttpClient browser =
        HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + admin))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie =
        login.headers().allValues("set-cookie").stream()
            .filter(c -> c.contains("="))
            .map(
                c ->
                    c.substring(
                        c.indexOf('=') + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
            .filter(v -> v.length() >= 16)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
    secrets.put("portal session", cookie);
    refusedChanges(server, admin, team, secrets);
    for (String app : List.of("chat", "embed")) {
      PavedProcess.Answer opened =
          server.post("/api/v1/changes", admin, change(team, app, "secrets: [HF_TOKEN]"));
      assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(server.get("/api/v1/apps/" + team + "/chat", admin).body())
                    .contains("SYNCED"));
    assertThat(server.get("/api/v1/apps/" + team + "/chat/history", admin).status()).isEqualTo(200);
  }

  /**
   * Secret values sent every way a change can carry them, each refused (422) before anything is
   * written: as a secret name, in a dev deploy's args, in a prod deploy (which would have waited
   * for approval), in a title, and in a platform team file.
   */
  private static void refusedChanges(
      PavedProcess server, String admin, String team, Map<String, String> secrets)
      throws Exception {
    Map<String, String> refused = new LinkedHashMap<>();
    String name = "hf_" + random(34);
    secrets.put("secret pasted into a spec's secrets", name);
    refused.put("a secret name", change(team, "leaky", "secrets: [" + name + "]"));
    String args = "hf_" + random(34);
    secrets.put("secret in a dev deploy's args", args);
    refused.put(
        "dev args",
        change(
            team,
            "leaky",
            "",
            "with: {image: 'ghcr.io/example/api:1.0.0', args: ['--token=" + args + "']}",
            "dev"));
    String prod = random(40);
    secrets.put("secret in a prod deploy", prod);
    refused.put("a prod deploy", change(team, "leaky", "# api key: " + prod, "prod"));
    String title = "sk-" + random(40);
    secrets.put("secret in a title", title);
    refused.put(
        "a title",
        "{\"title\": \"Deploy with " + title + "\", " + change(team, "leaky", "").substring(1));
    String webhook = random(36);
    secrets.put("secret in a team file", webhook);
    String teamFile =
        "apiVersion: paved.dev/v1alpha1\nkind: Team\nmetadata: {name: leaky}\nspec:\n  members: [admin]\n  # hook: https://bot:"
            + webhook
            + "@hooks.example.com/x\n";
    refused.put(
        "a team file",
        "{\"intents\": [{\"type\": \"put-platform-file\", \"path\": \"platform/teams/leaky.yaml\", \"text\": "
            + JSON.writeValueAsString(teamFile)
            + "}]}");
    for (Map.Entry<String, String> body : refused.entrySet()) {
      PavedProcess.Answer answer = server.post("/api/v1/changes", admin, body.getValue());
      assertThat(answer.status()).as(body.getKey() + ": " + answer.body()).isEqualTo(422);
    }
  }

  private static String change(String team, String app, String extra) throws Exception {
    return change(team, app, extra, "dev");
  }

  private static String change(String team, String app, String extra, String env) throws Exception {
    return change(team, app, extra, "with: {image: 'ghcr.io/example/api:1.0.0'}", env);
  }

  private static String change(String team, String app, String extra, String with, String env)
      throws Exception {
    String spec =
        "apiVersion: paved.dev/v1alpha1\nkind: App\napp: %s\nteam: %s\npath: web-service\n%s\n%s\n"
            .formatted(app, team, with, extra);
    return "{\"intents\": [{\"type\": \"put-app\", \"spec\": "
        + JSON.writeValueAsString(spec)
        + ", \"envs\": [\""
        + env
        + "\"]}]}";
  }

  /** The content of every object in the repository: packed or loose, reachable or not. */
  private static String everyObject(Path gitDir) throws Exception {
    Process cat =
        new ProcessBuilder(
                "git",
                "--git-dir",
                gitDir.toString(),
                "cat-file",
                "--batch-all-objects",
                "--batch",
                "--unordered")
            .redirectErrorStream(true)
            .start();
    String all = new String(cat.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertThat(cat.waitFor()).as(all).isZero();
    return all;
  }

  private static String random(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
