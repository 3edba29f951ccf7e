package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render command's contract: streams, exit codes, formats, determinism, overrides. */
class RenderCommandTest {

  private static final String EXAMPLE = "../examples/llm-inference.yaml";

  record Result(int exit, String out, String err) {}

  static Result paved(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void rendersYamlOnStdoutAndNothingOnStderr() {
    Result result = paved("render", "-f", EXAMPLE, "--env", "prod");
    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith("---\napiVersion: v1\nkind: ServiceAccount\n")
        .contains("kind: Deployment");
  }

  @Test
  void rendersAV1ListAsJson() throws Exception {
    Result result = paved("render", "-f", EXAMPLE, "-o", "json", "--target", "gke");
    JsonNode list = new ObjectMapper().readTree(result.out());
    assertThat(list.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(list.path("kind").asText()).isEqualTo("List");
    assertThat(list.path("items")).isNotEmpty();
    assertThat(result.out()).contains("cloud.google.com/gke-accelerator");
  }

  @Test
  void givesByteIdenticalOutputForTheSameInput() {
    assertThat(paved("render", "-f", EXAMPLE, "--env", "prod").out())
        .isEqualTo(paved("render", "-f", EXAMPLE, "--env", "prod").out());
  }

  @Test
  void appliesTheEnvironmentOverrides() {
    assertThat(paved("render", "-f", EXAMPLE, "--env", "dev").out())
        .doesNotContain("HorizontalPodAutoscaler");
    assertThat(paved("render", "-f", EXAMPLE, "--env", "prod").out())
        .contains("kind: HorizontalPodAutoscaler")
        .contains("maxReplicas: 6");
  }

  @Test
  void invalidInputExitsOneWithAPositionedOneLineError(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("paved.yaml");
    Files.writeString(
        spec, Files.readString(Path.of(EXAMPLE)).replace("maxModelLen", "maxModelLength"));
    Result result = paved("render", "-f", spec.toString());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().strip())
        .isEqualTo(
            "error: "
                + spec
                + ":9:3: unknown field 'with.maxModelLength' (did you mean 'maxModelLen'?)");
  }

  @Test
  void aFileThatIsNotUtf8IsInvalidInputNotACrash(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("latin1.yaml");
    Files.write(spec, "app: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Result result = paved("render", "-f", spec.toString());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("is not UTF-8 text");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(paved("render").exit()).isEqualTo(2);
    assertThat(paved("render", "-f", EXAMPLE, "-o", "xml").exit()).isEqualTo(2);
    Result unknownTarget = paved("render", "-f", EXAMPLE, "--target", "gkee");
    assertThat(unknownTarget.exit()).isEqualTo(2);
    assertThat(unknownTarget.err())
        .contains("unknown target 'gkee'")
        .contains("did you mean 'gke'?");
    assertThat(paved("render", "-f", "no-such-file.yaml").err())
        .contains("file not found: no-such-file.yaml");
  }

  @Test
  void aPlatformFolderOverridesABuiltInTarget(@TempDir Path dir) throws Exception {
    Path targets = Files.createDirectories(dir.resolve("targets"));
    String sandbox =
        new String(
            RenderCommandTest.class
                .getResourceAsStream("/paved/platform/targets/sandbox.yaml")
                .readAllBytes());
    Files.writeString(
        targets.resolve("sandbox.yaml"),
        sandbox.replace("sandbox.paved.localhost", "ai.corp.example"));
    Result result = paved("render", "-f", EXAMPLE, "--env", "prod", "--platform", dir.toString());
    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("chat-prod.ai.corp.example");
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Result help = paved("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("render", "paths", "targets", "schema", "Exit codes");
    assertThat(paved("render", "--help").out())
        .contains("--env", "--target", "--platform", "--output", "-f");
  }

  @Test
  void pathsShowWhatEachParameterTakesRequiredDefaultsRangesAndChoices() {
    Result paths = paved("paths");

    assertThat(paths.exit()).as(paths.err()).isZero();
    assertThat(paths.out())
        .containsPattern("image\\s+string\\s+required")
        .containsPattern("port\\s+integer\\s+default 8080, 1024\\.\\.65535")
        .containsPattern("replicas\\.min\\s+integer\\s+default 2, 1\\.\\.100");
  }
}
