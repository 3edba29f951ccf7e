package dev.paved.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecPatchTest {

  private static final String SPEC =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: chat
      team: search
      path: llm-inference
      with:
        model: hf://meta-llama/Llama-3.1-8B-Instruct
        gpus: 16
      secrets: [VLLM_API_KEY]
      """;

  @Test
  void aPatchReplacesValuesAndKeepsTheRestOfTheSpec() {
    String patched = SpecPatch.apply(SPEC, Map.of("with", Map.of("gpus", 8)), Optional.empty());

    AppSpec spec = new AppSpecParser().parse("paved.yaml", patched);
    assertThat(spec.app()).isEqualTo("chat");
    assertThat(patched).contains("gpus: 8").doesNotContain("gpus: 16").contains("model: ");
  }

  @Test
  void listsBecomeUnionsInTheirOrder() {
    String patched =
        SpecPatch.apply(
            SPEC, Map.of("secrets", List.of("HF_TOKEN", "VLLM_API_KEY")), Optional.empty());

    assertThat(patched).containsSubsequence("VLLM_API_KEY", "HF_TOKEN");
    assertThat(patched.split("VLLM_API_KEY", -1)).hasSize(2);
  }

  @Test
  void aPatchForOneEnvironmentGoesUnderThatEnvironment() {
    String patched =
        SpecPatch.apply(SPEC, Map.of("with", Map.of("memory", "64Gi")), Optional.of("prod"));

    assertThat(patched).containsSubsequence("environments:", "prod:", "with:", "memory: 64Gi");
    assertThat(patched).containsSubsequence("with:", "gpus: 16");
  }

  @Test
  void aSpecThatIsNotAMappingIsRefusedInWords() {
    assertThatThrownBy(() -> SpecPatch.apply("- a\n- b\n", Map.of(), Optional.empty()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a YAML mapping");
  }
}
