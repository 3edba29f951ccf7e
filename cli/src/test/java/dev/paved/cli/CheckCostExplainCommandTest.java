package dev.paved.cli;

import static dev.paved.cli.RenderCommandTest.paved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contracts of paved check, cost and explain: exit codes, text and JSON. */
class CheckCostExplainCommandTest {

  private static final String LLM = "../examples/llm-inference.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void checkPassesABuiltInExampleAndPrintsJsonFindings() throws Exception {
    RenderCommandTest.Result result =
        paved("check", "-f", "../examples/notebook.yaml", "--env", "prod", "-o", "json");
    assertThat(result.exit()).isZero();
    JsonNode report = JSON.readTree(result.out());
    assertThat(report.path("blocked").asBoolean()).isFalse();
    assertThat(report.path("findings"))
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.path("rule").asText()).isNotBlank();
              assertThat(f.path("severity").asText()).isIn("block", "warn");
              assertThat(f.path("fix").asText()).isNotBlank();
            });
  }

  @Test
  void checkExitsOneOnABlockingFindingAndShowsItsFix(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("teams"));
    Files.writeString(
        dir.resolve("teams/search.yaml"),
        "apiVersion: paved.dev/v1alpha1\nkind: Team\nmetadata: {name: search}\nspec: {monthlyBudget: 500}\n");
    RenderCommandTest.Result result =
        paved("check", "-f", LLM, "--env", "prod", "--platform", dir.toString());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out())
        .contains("BLOCK  BUD-01")
        .contains("over its budget of $500.00")
        .contains("fix:");
  }

  @Test
  void costPrintsTheMonthlyEstimateAndTheDeltaFromABaseline(@TempDir Path dir) throws Exception {
    assertThat(paved("cost", "-f", LLM, "--env", "prod").out())
        .contains("Deployment/chat")
        .contains("$1,032.22–$3,096.66");
    Path bigger = dir.resolve("paved.yaml");
    Files.writeString(
        bigger,
        Files.readString(Path.of(LLM))
            .replace("gpu: nvidia-l4", "gpu: nvidia-a100-80gb\n  gpus: 2"));
    RenderCommandTest.Result delta =
        paved("cost", "-f", bigger.toString(), "--baseline", LLM, "-o", "json");
    assertThat(delta.exit()).isZero();
    JsonNode json = JSON.readTree(delta.out());
    assertThat(json.path("delta").path("max").asDouble()).isEqualTo(4493.15);
    assertThat(json.path("baseline").path("total").path("max").asDouble()).isEqualTo(518.11);
  }

  @Test
  void costSumsTeamsOverAnAppsFolder(@TempDir Path dir) throws Exception {
    Path chat = Files.createDirectories(dir.resolve("apps/search/chat"));
    Files.copy(Path.of(LLM), chat.resolve("paved.yaml"));
    Path api = Files.createDirectories(dir.resolve("apps/search/api"));
    Files.copy(Path.of("../examples/web-service.yaml"), api.resolve("paved.yaml"));
    JsonNode json =
        JSON.readTree(
            paved("cost", "--apps", dir.resolve("apps").toString(), "--env", "prod", "-o", "json")
                .out());
    JsonNode team = json.path("teams").get(0);
    assertThat(team.path("team").asText()).isEqualTo("search");
    assertThat(team.path("apps")).hasSize(2);
    assertThat(team.path("total").path("min").asDouble()).isEqualTo(1058.39);
  }

  @Test
  void explainNamesTheTemplateLineAndTheSpecValue() {
    RenderCommandTest.Result result =
        paved(
            "explain",
            "-f",
            LLM,
            "--env",
            "prod",
            "--field",
            "HorizontalPodAutoscaler/chat:spec.maxReplicas");
    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .contains("HorizontalPodAutoscaler/chat:spec.maxReplicas = 6")
        .contains("builtin:paths/llm-inference.yaml:")
        .contains("environments.prod override 6 (../examples/llm-inference.yaml:14:31)");
    assertThat(paved("explain", "-f", LLM, "--field", "Deployment/chatt").exit()).isEqualTo(2);
  }

  @Test
  void exportVapPrintsPolicyAndBindingWithoutASpec() {
    RenderCommandTest.Result result = paved("check", "--export", "vap");
    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .contains("kind: ValidatingAdmissionPolicy\n")
        .contains("kind: ValidatingAdmissionPolicyBinding\n");
    assertThat(paved("check", "--export", "kyverno").exit()).isEqualTo(2);
    assertThat(paved("check").exit()).isEqualTo(2);
  }
}
