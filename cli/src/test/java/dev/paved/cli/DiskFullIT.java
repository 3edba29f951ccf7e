package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under the data directory fills up (a small tmpfs, filled to the last byte) while the
 * real server takes changes and tokens. Every write is refused with a clear message and no stack
 * trace; reads go on. After space is freed and the server restarts, {@code git fsck} finds the
 * repository whole, the database opens with every change and token made before, and writes work
 * again. Needs root for the mount (this machine's CI runs as root; elsewhere the test is skipped
 * and says so).
 */
class DiskFullIT {

  @Test
  @Reliability(area = Area.FAULTS, value = "the disk under the data directory full")
  void aFullDiskRefusesWritesClearlyAndLeavesTheRepositoryAndDatabaseWhole(
      @TempDir Path tmp, Tally tally) throws Exception {
    int rounds = Boolean.getBoolean("paved.reliability.long") ? 5 : 2;
    tally.counting("writes refused on a full disk");
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", data.toString()) == 0,
        "mounting a small tmpfs needs root");
    try {
      PlatformRepo repo = PlatformRepo.create(data.resolve("platform.git"), "disk", 0);
      int port = PavedProcess.freePort();
      Map<String, String> env =
          Map.of("PAVED_CREDENTIALS", tmp.resolve("credentials.json").toString());
      List<String> args = List.of("--no-cluster");
      String token;
      int merged = 0;
      int refused = 0;
      try (PavedProcess server = PavedProcess.server(data, port, env, args)) {
        token = server.token().orElseThrow(() -> new AssertionError(server.output()));
        for (int round = 0; round < rounds; round++) {
          assertThat(change(server, token, repo.team(), "before-" + round).status()).isEqualTo(201);
          merged++;
          Path filler = fill(data);
          for (String write : List.of("change", "token")) {
            PavedProcess.Answer answer =
                write.equals("change")
                    ? change(server, token, repo.team(), "full-" + round)
                    : server.post("/api/v1/tokens", token, "{\"name\": \"full-" + round + "\"}");
            assertThat(answer.status()).as(write + ": " + answer.body()).isIn(503, 507);
            assertThat(answer.body())
                .as(write)
                .containsIgnoringCase("space")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
            refused++;
            tally.add();
          }
          assertThat(server.get("/api/v1/changes", token).status())
              .as("reads go on")
              .isEqualTo(200);
          Files.delete(filler);
        }
        server.stop();
      }
      assertThat(
              run(
                  "git",
                  "--git-dir",
                  data.resolve("platform.git").toString(),
                  "fsck",
                  "--full",
                  "--strict"))
          .as("git fsck of the repository")
          .isZero();
      try (PavedProcess again = PavedProcess.server(data, port, env, args)) {
        PavedProcess.Answer changes = again.get("/api/v1/changes", token);
        assertThat(changes.status()).as("the token made before still works").isEqualTo(200);
        long kept =
            java.util.stream.StreamSupport.stream(
                    changes.json().path("changes").spliterator(), false)
                .filter(c -> c.path("title").asText().startsWith("before-"))
                .filter(c -> c.path("state").asText().equals("merged"))
                .count();
        assertThat(kept).as("every change merged before the disk filled").isEqualTo(merged);
        assertThat(changes.body())
            .as("nothing half-written from the full disk")
            .doesNotContain("full-");
        assertThat(change(again, token, repo.team(), "after").status()).isEqualTo(201);
        again.stop();
      }
      tally.held(
          "%d writes (changes and tokens) refused with a clear 'no space' message, no stack trace; reads went on; git fsck clean; after a restart the database had all %d earlier changes and the token, and writes worked again"
              .formatted(refused, merged));
    } finally {
      run("umount", "-l", data.toString());
    }
  }

  private static PavedProcess.Answer change(
      PavedProcess server, String token, String team, String title)
      throws IOException, InterruptedException {
    String spec =
        "apiVersion: paved.dev/v1alpha1\nkind: App\napp: %s\nteam: %s\npath: web-service\nwith: {image: 'ghcr.io/example/api:1.0.0'}\n"
            .formatted(title, team);
    return server.post(
        "/api/v1/changes",
        token,
        "{\"title\": \""
            + title
            + "\", \"intents\": [{\"type\": \"put-app\", \"spec\": "
            + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(spec)
            + ", \"envs\": [\"dev\"]}]}");
  }

  /** Writes a file until the disk has no byte left. */
  private static Path fill(Path dir) throws IOException {
    Path filler = dir.resolve("filler");
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).containsIgnoringCase("space");
    }
    try (OutputStream out =
        Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
      for (int i = 0; i < 1 << 20; i++) {
        out.write(0);
        out.flush();
      }
    } catch (IOException full) {
      // the last bytes are gone too
    }
    return filler;
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit != 0) {
      System.err.println(String.join(" ", command) + ": " + out);
    }
    return exit;
  }
}
