package dev.paved.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.path.GoldenPath;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DraftFormTest {

  private static final Platform PLATFORM = new PlatformLoader().builtIn();
  private static final GoldenPath LLM =
      PLATFORM.paths().latest().stream()
          .filter(p -> p.name().equals("llm-inference"))
          .findFirst()
          .orElseThrow();

  @Test
  void theSpecHoldsOnlyWhatDiffersFromThePathsDefaults() {
    DraftForm form = form(Map.of("with.model", "hf://org/model", "with.replicas.max", "4"));

    String yaml = form.toSpec(LLM).yaml().orElseThrow();

    assertThat(yaml)
        .contains("app: chat")
        .contains("path: llm-inference")
        .contains("model: hf://org/model")
        .containsSubsequence("replicas:", "max: 4")
        .doesNotContain("image:")
        .doesNotContain("min:")
        .doesNotContain("startupMinutes");
  }

  @Test
  void textThatLooksLikeANumberStaysText() throws Exception {
    DraftForm form =
        form(Map.of("with.model", "hf://org/model", "with.args", "--max-num-seqs\n256\n1.10"));

    String yaml = form.toSpec(LLM).yaml().orElseThrow();

    assertThat(yaml).contains("\"256\"").contains("\"1.10\"");
    Map<?, ?> read =
        new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(yaml, Map.class);
    assertThat(((Map<?, ?>) read.get("with")).get("args"))
        .isEqualTo(List.of("--max-num-seqs", "256", "1.10"));
  }

  @Test
  void unreadableNumbersAndMissingRequiredValuesAreFieldErrors() {
    DraftForm form = form(Map.of("with.model", "", "with.gpus", "two"));

    DraftForm.Spec spec = form.toSpec(LLM);

    assertThat(spec.errors()).containsKeys("with.model", "with.gpus");
    assertThat(spec.errors().get("with.gpus")).contains("integer");
  }

  @Test
  void aValueThePathRefusesIsShownBesideItsFieldInThePreview() {
    DraftForm form = form(Map.of("with.model", "hf://org/model", "with.gpus", "99"));

    DraftPreview preview = DraftPreview.of(form, form.toSpec(LLM), PLATFORM);

    assertThat(preview.ok()).isFalse();
    assertThat(preview.errors()).containsKey("with.gpus");
    assertThat(preview.envs()).isEmpty();
  }

  @Test
  void aGoodDraftIsPricedAndCheckedInEachEnvironment() {
    DraftForm form =
        new DraftForm(
            "llm-inference",
            "chat",
            "search",
            List.of("dev", "prod"),
            values(Map.of("with.model", "hf://org/model")),
            "HF_TOKEN");

    DraftPreview preview = DraftPreview.of(form, form.toSpec(LLM), PLATFORM);

    assertThat(preview.ok()).as(preview.errors() + " " + preview.general()).isTrue();
    assertThat(preview.envs())
        .extracting(DraftPreview.EnvPreview::env)
        .containsExactly("dev", "prod");
    assertThat(preview.envs().getFirst().monthly()).startsWith("$").endsWith("/mo");
    assertThat(preview.envs().getFirst().manifests()).contains("kind: Deployment");
    assertThat(preview.yaml()).contains("secrets:").contains("HF_TOKEN");
  }

  private static DraftForm form(Map<String, String> changed) {
    return new DraftForm("llm-inference", "chat", "search", List.of("dev"), values(changed), "");
  }

  private static Map<String, String> values(Map<String, String> changed) {
    Map<String, String> values =
        new LinkedHashMap<>(DraftForm.empty(LLM, "search", List.of("dev")).values());
    values.putAll(changed);
    return values;
  }
}
