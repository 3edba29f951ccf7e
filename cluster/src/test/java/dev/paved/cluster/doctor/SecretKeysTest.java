package dev.paved.cluster.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretKeysTest {

  @Test
  void aSecretIsKeptWithItsKeyNamesAndNoValue() {
    var secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("chat-secrets")
            .withNamespace("search-dev")
            .endMetadata()
            .withData(Map.of("HF_TOKEN", "aGZfc2VjcmV0dmFsdWU="))
            .withStringData(Map.of("VLLM_API_KEY", "sk-plainvalue"))
            .build();

    var kept = SecretKeys.keysOnly(secret);

    assertThat(kept.toString()).doesNotContain("aGZfc2VjcmV0dmFsdWU=").doesNotContain("plainvalue");
    assertThat(kept.path("data").fieldNames())
        .toIterable()
        .containsExactly("HF_TOKEN", "VLLM_API_KEY");
    assertThat(kept.path("metadata").path("name").asText()).isEqualTo("chat-secrets");
  }

  @Test
  void theFixOfAMissingSecretCreatesItWithEveryKeyTheAppReads() throws Exception {
    var dir = SnapshotCorpusTest.CORPUS.resolve("88-secret-missing-before-a-real-node-fails");

    Finding finding = Doctor.diagnose(SnapshotReader.read(dir)).findings().getFirst();

    assertThat(finding.object()).isEqualTo("Deployment/search-dev/chat");
    assertThat(finding.app()).contains("chat");
    assertThat(finding.fix())
        .contains(
            "kubectl create secret generic chat-secrets -n search-dev"
                + " --from-literal=HF_TOKEN=<value> --from-literal=VLLM_API_KEY=<value>");
  }
}
