package dev.paved.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import dev.paved.server.TestServer;
import dev.paved.server.db.DatabaseSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Path traversal in every place a name becomes a path: the team, app and change of API paths, a
 * platform file's path, and an app's name inside a spec. Thousands of traversal forms (encoded,
 * double-encoded, backslashes, absolute paths, NUL, look-alike dots) are refused with a 4xx, and
 * main never gains a file outside the repository's layout.
 */
class PathTraversalTest {

  private static final List<String> ESCAPES =
      List.of(
          "..",
          "../",
          "..%2F",
          "%2e%2e%2f",
          "%2E%2E/",
          "%252e%252e%252f",
          "..\\",
          "..%5c",
          "....//",
          "/etc/passwd",
          "%2Fetc%2Fpasswd",
          "%00",
          "\u2024\u2024/",
          "..;/",
          "~root",
          ".git/config",
          "refs/heads/main");
  private static final Set<String> LAYOUT = Set.of("platform", "apps", "deploy", "README.md");

  @Test
  @Reliability(area = Area.SECURITY, value = "path traversal in every name that becomes a path")
  void traversalInAnyNameIsRefusedAndMainGainsNoFileOutsideItsLayout(Tally tally) {
    int inputs = Boolean.getBoolean("paved.reliability.long") ? 10_000 : 1_000;
    tally.counting("traversal attempts");
    Random random = new Random(20261127L);
    List<String> wrong = new ArrayList<>();
    String last = "";
    try (TestServer server = TestServer.on(DatabaseSettings.inMemory("traversal"))) {
      for (int i = 0; i < inputs; i++) {
        String evil = evil(random);
        String previous = last;
        last = evil + " → ";
        TestServer.Answer answer;
        try {
          answer = send(server, i % 6, evil);
        } catch (RuntimeException e) {
          wrong.add(
              "no answer for "
                  + evil
                  + " (case "
                  + i % 6
                  + ", after "
                  + previous
                  + "): "
                  + e.getMessage());
          continue;
        } finally {
          tally.add();
        }
        last = last + answer.status();
        boolean refused =
            answer.status() >= 400 && answer.status() < 500
                || answer.status() == 201 && i % 6 >= 4 && contained(evil);
        if (!refused || answer.body().contains("\tat ")) {
          wrong.add(answer.status() + " for " + evil + " (case " + i % 6 + "): " + answer.body());
        }
      }
      assertMainStaysInItsLayout(server);
    }
    assertThat(wrong).as("accepted or not refused with a 4xx").isEmpty();
    tally.held(
        "%d forms × 6 places (team, app, change id, logs, platform file path, app name in a spec): every one 4xx, no stack trace; main gained no file outside platform/, apps/, deploy/"
            .formatted(ESCAPES.size()));
  }

  private static TestServer.Answer send(TestServer server, int place, String evil) {
    return switch (place) {
      case 0 -> server.get("/api/v1/apps/" + inPath(evil) + "/chat", "pat");
      case 1 -> server.get("/api/v1/apps/search/" + inPath(evil) + "/history", "pat");
      case 2 -> server.get("/api/v1/changes/" + inPath(evil), "pat");
      case 3 -> server.get("/api/v1/apps/search/" + inPath(evil) + "/logs", "pat");
      case 4 ->
          server.post(
              "/api/v1/changes",
              "pat",
              "{\"intents\": [{\"type\": \"put-platform-file\", \"path\": "
                  + ChangesApiTest.json("platform/" + evil + "x.yaml")
                  + ", \"text\": \"a: 1\"}]}");
      default ->
          server.post(
              "/api/v1/changes",
              "pat",
              ChangesApiTest.deploy(ChangesApiTest.spec(evil, "search", "1.0.0"), "dev"));
    };
  }

  private static void assertMainStaysInItsLayout(TestServer server) {
    var main =
        server
            .backend()
            .repo()
            .read(
                server
                    .backend()
                    .repo()
                    .resolve(dev.paved.gitops.repo.GitRepository.MAIN)
                    .orElseThrow());
    assertThat(main.files().keySet())
        .as("main's files stay in the layout")
        .allSatisfy(
            path -> {
              assertThat(LAYOUT)
                  .contains(path.contains("/") ? path.substring(0, path.indexOf('/')) : path);
              assertThat(path).doesNotContain("..");
            });
  }

  /**
   * A name that only nests folders inside platform/ or names an app plainly: taking it is no
   * traversal.
   */
  private static boolean contained(String evil) {
    return evil.matches("[a-z0-9_/-]*") && !evil.contains("//") && !evil.startsWith("/");
  }

  /** As a client sends it in a URL: characters a URL cannot hold percent-encoded, the rest kept. */
  private static String inPath(String text) {
    StringBuilder s = new StringBuilder();
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '<' && c != '>' && c != '`'
          && c != '{' && c != '}' && c != '|' && c != '^') {
        s.append((char) c);
      } else {
        s.append('%').append(String.format("%02X", c));
      }
    }
    return s.toString();
  }

  /** A traversal form, sometimes wrapped in an ordinary name, sometimes repeated. */
  private static String evil(Random random) {
    StringBuilder s = new StringBuilder();
    if (random.nextBoolean()) {
      s.append("chat");
    }
    int parts = 1 + random.nextInt(3);
    for (int p = 0; p < parts; p++) {
      s.append(ESCAPES.get(random.nextInt(ESCAPES.size())));
    }
    if (random.nextBoolean()) {
      s.append("x");
    }
    return s.toString();
  }
}
