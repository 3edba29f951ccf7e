package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL crashed ({@code pg_ctl -m immediate}) and started again, again and again, under the
 * real server while three clients open and auto-merge changes without pause. A client that gets a
 * 503 sends the same change again later. Afterwards every change a client finished is merged
 * exactly once (none lost, none twice), nothing half-done is left open, each app's spec on main is
 * its last change's, and the server is ready again without a restart. Its own PostgreSQL, since it
 * crashes it.
 */
class PostgresCrashIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 3;

  @Test
  @Reliability(
      area = Area.FAULTS,
      value = "PostgreSQL crashed and restarted during change request merges")
  void mergesAcrossPostgresCrashesAreNeitherLostNorDuplicated(@TempDir Path data, Tally tally)
      throws Exception {
    int crashes = Boolean.getBoolean("paved.reliability.long") ? 10 : 3;
    tally.counting("PostgreSQL crashes during merges");
    Path pgDir = Path.of("/tmp", "paved-pg-crash-" + Long.toString(System.nanoTime(), 36));
    Map<String, String> pg =
        Map.of(
            "PAVED_PG_DIR",
            pgDir.toString(),
            "PAVED_PG_PORT",
            String.valueOf(PavedProcess.freePort()));
    String url = postgres(pg, "start");
    PlatformRepo repo = PlatformRepo.create(data.resolve("platform.git"), "pg", 0);
    Random random = new Random(20261127L);
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger retried = new AtomicInteger();
    AtomicInteger met = new AtomicInteger();
    AtomicBoolean down = new AtomicBoolean();
    try (PavedProcess server =
        PavedProcess.server(
            data,
            PavedProcess.freePort(),
            Map.of("PAVED_CREDENTIALS", data.resolve("credentials.json").toString()),
            List.of("--no-cluster", "--db", url))) {
      String token = server.token().orElseThrow(() -> new AssertionError(server.output()));
      AtomicBoolean going = new AtomicBoolean(true);
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        String app = "w" + c;
        clients.add(
            Thread.ofVirtual()
                .start(
                    () ->
                        client(
                            server,
                            token,
                            new Client(
                                repo.team(), app, going, down, statuses, done, retried, met))));
      }
      for (int crash = 0; crash < crashes; crash++) {
        Thread.sleep(1000 + random.nextInt(2000));
        postgres(pg, "crash");
        down.set(true);
        tally.add();
        // down for shorter and longer than the pool's 5 s wait for a connection
        Thread.sleep(1000 + random.nextInt(8000));
        postgres(pg, "resume");
        down.set(false);
      }
      Thread.sleep(3000);
      going.set(false);
      for (Thread client : clients) {
        client.join();
      }
      assertThat(statuses.keySet())
          .as("only created, or unavailable while it was down")
          .isSubsetOf(201, 503);
      assertThat(met.get()).as("requests sent while it was down").isPositive();

      JsonNode changes = server.get("/api/v1/changes", token).json().path("changes");
      Map<String, List<String>> byTitle = new TreeMap<>();
      for (JsonNode change : changes) {
        if (change.path("title").asText().equals(PlatformRepo.PREPARED)) {
          continue;
        }
        byTitle
            .computeIfAbsent(change.path("title").asText(), t -> new ArrayList<>())
            .add(change.path("state").asText());
      }
      for (String title : done) {
        assertThat(byTitle.get(title)).as(title + ": merged once").containsExactly("merged");
      }
      assertThat(byTitle.values().stream().flatMap(List::stream))
          .as("nothing half-done: no change left open")
          .containsOnly("merged");
      assertThat(byTitle.keySet()).as("no change no client finished").isSubsetOf(done);
      for (int c = 0; c < CLIENTS; c++) {
        String last = lastOf(done, "w" + c);
        JsonNode app = server.get("/api/v1/apps/" + repo.team() + "/w" + c, token).json();
        assertThat(app.path("spec").asText()).contains(":" + last.substring(last.indexOf(' ') + 1));
      }
      assertThat(server.get("/readyz", token).status()).isEqualTo(200);
      tally.held(
          ("%d changes merged by %d clients, each exactly once (0 lost, 0 twice, 0 left open);"
                  + " %d requests sent while it was down: %d answered 503 and were sent again, the"
                  + " rest waited for it; ready again without a restart")
              .formatted(done.size(), CLIENTS, met.get(), retried.get()));
      server.stop();
    } finally {
      postgres(pg, "stop");
      new ProcessBuilder("rm", "-rf", pgDir.toString()).start().waitFor();
    }
  }

  /** One client's settings and the counters it shares with the others. */
  private record Client(
      String team,
      String app,
      AtomicBoolean going,
      AtomicBoolean down,
      Map<Integer, Integer> statuses,
      List<String> done,
      AtomicInteger retried,
      AtomicInteger met) {}

  /** Opens and auto-merges changes one after the other; a 503 sends the same change again. */
  private static void client(PavedProcess server, String token, Client c) {
    String team = c.team();
    String app = c.app();
    AtomicBoolean going = c.going();
    Map<Integer, Integer> statuses = c.statuses();
    List<String> done = c.done();
    AtomicInteger retried = c.retried();
    for (int k = 1; going.get(); k++) {
      String title = app + " 1." + k + ".0";
      String body =
          "{\"title\": "
              + quoted(title)
              + ", \"intents\": [{\"type\": \"put-app\", \"spec\": "
              + quoted(
                  "apiVersion: paved.dev/v1alpha1\nkind: App\napp: %s\nteam: %s\npath: web-service\nwith: {image: 'ghcr.io/example/%s:1.%d.0'}\n"
                      .formatted(app, team, app, k))
              + ", \"envs\": [\"dev\"]}]}";
      while (true) {
        PavedProcess.Answer answer;
        if (c.down().get()) {
          c.met().incrementAndGet();
        }
        try {
          answer = server.post("/api/v1/changes", token, body);
        } catch (IOException | InterruptedException e) {
          throw new AssertionError(e);
        }
        statuses.merge(answer.status(), 1, Integer::sum);
        if (answer.status() == 201) {
          assertThat(answer.json().path("autoMerge").path("merged").asBoolean())
              .as(answer.body())
              .isTrue();
          done.add(title);
          break;
        }
        if (answer.status() != 503) {
          throw new AssertionError(answer.status() + " " + answer.body());
        }
        retried.incrementAndGet();
        sleep(300);
      }
    }
  }

  private static String lastOf(List<String> done, String app) {
    synchronized (done) {
      return done.stream().filter(t -> t.startsWith(app + " ")).reduce((a, b) -> b).orElseThrow();
    }
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** scripts/postgres.sh with its own directory and port; returns what it prints. */
  private static String postgres(Map<String, String> env, String command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "../scripts/postgres.sh", command)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("postgres.sh " + command + ": " + out).isZero();
    return out.strip();
  }
}
