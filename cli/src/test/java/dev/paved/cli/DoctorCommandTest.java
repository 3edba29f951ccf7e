package dev.paved.cli;

import static dev.paved.cli.RenderCommandTest.paved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** paved doctor on snapshot directories, and its refusals. */
class DoctorCommandTest {

  private static final Path CORPUS = Path.of("../cluster/src/test/resources/doctor/snapshots");

  @Test
  void aSnapshotWithTwoProblemsPrintsBothAsJsonAndExitsOne() throws Exception {
    RenderCommandTest.Result result =
        paved(
            "doctor",
            "--snapshot",
            CORPUS.resolve("84-two-problems-pull-auth-and-missing-secret").toString(),
            "-o",
            "json");

    assertThat(result.exit()).as(result.err()).isEqualTo(1);
    JsonNode findings = new ObjectMapper().readTree(result.out()).path("findings");
    assertThat(findings).hasSize(2);
    assertThat(findings.findValuesAsText("code"))
        .containsExactlyInAnyOrder("CONFIG_MISSING", "IMAGE_PULL_AUTH");
    for (JsonNode finding : findings) {
      assertThat(finding.path("severity").asText()).isEqualTo("error");
      assertThat(finding.path("object").asText()).startsWith("Deployment/search-dev/");
      assertThat(finding.path("summary").asText()).isNotBlank();
      assertThat(finding.path("fix").asText()).isNotBlank();
      assertThat(finding.path("evidence")).isNotEmpty();
    }
  }

  @Test
  void anAppNameLimitsASnapshotToThatApp() throws Exception {
    RenderCommandTest.Result result =
        paved(
            "doctor",
            "chat-ui",
            "--snapshot",
            CORPUS.resolve("84-two-problems-pull-auth-and-missing-secret").toString(),
            "-o",
            "json");

    JsonNode findings = new ObjectMapper().readTree(result.out()).path("findings");
    assertThat(findings.findValuesAsText("code")).containsExactly("IMAGE_PULL_AUTH");
  }

  @Test
  void aHealthySnapshotSaysSoAndExitsZero() {
    RenderCommandTest.Result result =
        paved("doctor", "--snapshot", CORPUS.resolve("75-healthy-vllm-on-l4").toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("No problems found at 2025-");
  }

  @Test
  void textOutputShowsTheFixAndTheSpecPatch() {
    RenderCommandTest.Result result =
        paved(
            "doctor",
            "--snapshot",
            CORPUS.resolve("66-kv-cache-too-small-v1-new-wording").toString());

    assertThat(result.out())
        .contains("ERROR  KV_CACHE_INSUFFICIENT  Deployment/search-dev/chat")
        .contains("  fix: Lower the context length")
        .contains("  paved.yaml: with.maxModelLen: 31696")
        .contains("1 finding (1 error)");
  }

  @Test
  void aQueuedJobIsInfoAndDoesNotFail() {
    RenderCommandTest.Result result =
        paved("doctor", "--snapshot", CORPUS.resolve("73-kueue-queued-suspended-job").toString());

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("INFO  QUEUED").contains("0 errors");
  }

  @Test
  void aDirectoryWithoutObjectsJsonExitsOneAndSaysHowToMakeOne(@TempDir Path empty) {
    RenderCommandTest.Result result = paved("doctor", "--snapshot", empty.toString());

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("no objects.json").contains("paved doctor collect");
  }

  @Test
  void withoutAnAppOrASnapshotItIsAUsageError() {
    RenderCommandTest.Result result = paved("doctor");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("needs an APP, or --snapshot DIR");
  }

  @Test
  void watchingASnapshotIsAUsageError() {
    RenderCommandTest.Result result =
        paved(
            "doctor", "--snapshot", CORPUS.resolve("75-healthy-vllm-on-l4").toString(), "--watch");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--watch needs a live cluster");
  }
}
