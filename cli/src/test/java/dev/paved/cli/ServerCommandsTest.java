package dev.paved.cli;

import static dev.paved.cli.RenderCommandTest.paved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.server.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a real server without a cluster (embedded H2, temp repository). */
class ServerCommandsTest {

  @TempDir Path data;
  private LoggedInServer server;
  private Launch launch;

  @BeforeEach
  void startServerAndLogIn() {
    server = LoggedInServer.start(data, Map.of("cluster", "none"));
    launch = server.launch();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aProdDeployWaitsForApprovalAndIsListedShownAndClosed() throws Exception {
    Path spec = data.resolve("paved.yaml");
    Files.writeString(spec, Files.readString(Path.of("../examples/web-service.yaml")));

    RenderCommandTest.Result deploy =
        paved("deploy", "-f", spec.toString(), "--env", "prod", "-o", "json");

    assertThat(deploy.exit()).as(deploy.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(deploy.out());
    assertThat(result.path("state").asText()).isEqualTo("waiting for approval");
    String id = result.path("change").asText();
    assertThat(deploy.err()).contains("paved changes approve " + id);

    assertThat(paved("changes", "list").out()).contains(id).contains("open").contains("admin");
    RenderCommandTest.Result show = paved("changes", "show", id);
    assertThat(show.out()).contains("cost ").contains("$/month").contains("+++ ");

    RenderCommandTest.Result ownApproval = paved("changes", "approve", id);
    assertThat(ownApproval.exit()).isEqualTo(1);
    assertThat(ownApproval.err()).contains("cannot approve it");

    RenderCommandTest.Result early = paved("changes", "merge", id);
    assertThat(early.exit()).isEqualTo(1);
    assertThat(early.out()).contains("not merged");

    RenderCommandTest.Result closed = paved("changes", "close", id);
    assertThat(closed.exit()).as(closed.err()).isZero();
    assertThat(closed.out()).contains("closed");
  }

  @Test
  void aDevDeployMergesAtOnceAndARollbackGoesBack() throws Exception {
    Path spec = data.resolve("paved.yaml");
    String text = Files.readString(Path.of("../examples/web-service.yaml"));
    Files.writeString(spec, text);
    JsonNode first =
        new ObjectMapper()
            .readTree(paved("deploy", "-f", spec.toString(), "--env", "dev", "-o", "json").out());
    assertThat(first.path("state").asText()).isEqualTo("merged");
    Files.writeString(spec, text.replaceFirst(":(\\d+)\\.(\\d+)\\.(\\d+)", ":9.9.9"));
    assertThat(paved("deploy", "-f", spec.toString(), "--env", "dev").exit()).isZero();
    String app =
        new ObjectMapper()
            .readTree(paved("apps", "-o", "json").out()).path("apps").findValues("app").stream()
                .map(JsonNode::asText)
                .filter(a -> !a.equals("hello"))
                .findFirst()
                .orElseThrow();
    String team =
        text.lines()
            .filter(l -> l.startsWith("team:"))
            .findFirst()
            .orElseThrow()
            .substring(5)
            .strip();

    RenderCommandTest.Result rollback =
        paved("rollback", team + "/" + app, "--env", "dev", "--to", first.path("commit").asText());

    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("merged as ");
    RenderCommandTest.Result status = paved("status", app);
    assertThat(status.out()).contains("RENDERED").contains("not synced");
  }

  @Test
  void anInvalidSpecIsRefusedAtItsOwnLineBeforeAnythingIsOpened() throws Exception {
    Path spec = data.resolve("broken.yaml");
    Files.writeString(
        spec,
        Files.readString(Path.of("../examples/web-service.yaml")).replace("image:", "imagee:"));
    int changes = changeCount();

    RenderCommandTest.Result deploy = paved("deploy", "-f", spec.toString(), "--env", "dev");

    assertThat(deploy.exit()).isEqualTo(1);
    assertThat(deploy.err())
        .containsPattern(java.util.regex.Pattern.quote(spec.toString()) + ":\\d+:\\d+: ")
        .contains("imagee")
        .doesNotContain("apps/")
        .doesNotContain("$/month");
    assertThat(changeCount()).isEqualTo(changes);
  }

  @Test
  void anEnvironmentThatDoesNotExistIsNamedWithTheOnesThatDo() throws Exception {
    Path spec = data.resolve("paved.yaml");
    Files.writeString(spec, Files.readString(Path.of("../examples/web-service.yaml")));
    int changes = changeCount();

    RenderCommandTest.Result deploy = paved("deploy", "-f", spec.toString(), "--env", "qa");

    assertThat(deploy.exit()).isEqualTo(1);
    assertThat(deploy.err())
        .contains("there is no environment 'qa'")
        .contains("dev")
        .contains("prod")
        .contains("staging")
        .doesNotContain("changes nothing");
    assertThat(changeCount()).isEqualTo(changes);
  }

  @Test
  void aSecretInTheSpecIsRefusedBeforeItIsSent() throws Exception {
    Path spec = data.resolve("leak.yaml");
    Files.writeString(
        spec,
        Files.readString(Path.of("../examples/web-service.yaml"))
            + "# token: hf_abcdefghijklmnopqrstuvwxyzABCDEF12\n");
    int changes = changeCount();

    RenderCommandTest.Result deploy = paved("deploy", "-f", spec.toString(), "--env", "dev");

    assertThat(deploy.exit()).isEqualTo(1);
    assertThat(deploy.err())
        .contains(spec + ":")
        .contains("a Hugging Face token")
        .doesNotContain("hf_abc");
    assertThat(changeCount()).isEqualTo(changes);
  }

  @Test
  void aSpecABlockingPolicyRefusesOpensNothingAndSaysWhyWithTheFix() throws Exception {
    Path spec = data.resolve("big.yaml");
    Files.writeString(
        spec,
        Files.readString(Path.of("../examples/llm-inference.yaml"))
            .replace("  gpu: nvidia-l4\n", "  gpu: nvidia-l4\n  memory: 900Gi\n"));
    int changes = changeCount();

    RenderCommandTest.Result deploy = paved("deploy", "-f", spec.toString(), "--env", "dev");

    assertThat(deploy.exit()).as(deploy.err()).isEqualTo(1);
    assertThat(deploy.err())
        .contains("block  CAP-02")
        .contains("900Gi")
        .contains("fix: ")
        .contains("nothing was opened");
    assertThat(deploy.out()).contains("blocked: nothing was opened");
    assertThat(changeCount()).isEqualTo(changes);
  }

  @Test
  void stagingNeedsNoApprovalOnlyAMergeByHandAndSaysSo() throws Exception {
    Path spec = data.resolve("paved.yaml");
    Files.writeString(spec, Files.readString(Path.of("../examples/web-service.yaml")));

    RenderCommandTest.Result deploy = paved("deploy", "-f", spec.toString(), "--env", "staging");

    assertThat(deploy.exit()).as(deploy.err()).isZero();
    assertThat(deploy.err())
        .contains("it waits for a merge by hand, nothing else (autoMerge is off in staging)")
        .contains("paved changes merge cr-")
        .doesNotContain("approval");
  }

  @Test
  void historyListsTheAppsOwnRevisionsAndRollbackTakesAShortId() throws Exception {
    Path spec = data.resolve("paved.yaml");
    String text = Files.readString(Path.of("../examples/web-service.yaml"));
    Files.writeString(spec, text);
    assertThat(paved("deploy", "-f", spec.toString(), "--env", "dev").exit()).isZero();
    Files.writeString(spec, text.replaceFirst(":(\\d+)\\.(\\d+)\\.(\\d+)", ":9.9.9"));
    assertThat(paved("deploy", "-f", spec.toString(), "--env", "dev").exit()).isZero();
    String app = SpecFiles.read(spec).app();

    RenderCommandTest.Result history = paved("history", app, "--env", "dev");

    assertThat(history.exit()).as(history.err()).isZero();
    List<String> rows = history.out().lines().filter(l -> l.matches("[0-9a-f]{12} .*")).toList();
    assertThat(rows).hasSize(2);
    assertThat(rows.getFirst()).contains("Deploy " + app + " to dev");
    assertThat(history.out()).contains("+").contains("9.9.9");
    String older = rows.get(1).substring(0, 8);

    RenderCommandTest.Result rollback = paved("rollback", app, "--env", "dev", "--to", older);

    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("merged as ");
    RenderCommandTest.Result json = paved("history", app, "--env", "dev", "-o", "json");
    assertThat(new ObjectMapper().readTree(json.out()).path("revisions")).hasSize(3);
  }

  @Test
  void loginReadsAPipedTokenWithoutAPrompt() {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream(
              (launch.adminToken().orElseThrow().token() + "\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

      RenderCommandTest.Result login = paved("login", launch.server().url().toString());

      assertThat(login.exit()).as(login.err()).isZero();
      assertThat(login.out()).contains("Logged in to").contains("as admin");
      assertThat(login.err()).isEmpty();
    } finally {
      System.setIn(stdin);
    }
  }

  private int changeCount() throws Exception {
    return new ObjectMapper()
        .readTree(paved("changes", "list", "-o", "json").out())
        .path("changes")
        .size();
  }

  @Test
  void doctorGoesThroughTheServerWhenLoggedIn() {
    RenderCommandTest.Result doctor = paved("doctor", "hello", "-o", "json");

    assertThat(doctor.exit()).as(doctor.err()).isZero();
    assertThat(doctor.out()).contains("\"findings\" : [ ]");
    RenderCommandTest.Result unknown = paved("doctor", "nope");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no app nope that you may see").contains("paved apps");
  }
}
