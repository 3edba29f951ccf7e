package dev.paved.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretDetectorTest {

  @Test
  void secretShapesAreRecognisedWhereverTheyStand() {
    assertThat(SecretDetector.looksLikeSecret("see https://bob:s3cret@db.example.com/x"))
        .contains("a URL with a password");
    assertThat(SecretDetector.looksLikeSecret("token eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.sig"))
        .contains("a JSON web token");
    assertThat(SecretDetector.looksLikeSecret("HF_TOKEN")).isEmpty();
    assertThat(SecretDetector.looksLikeSecret("https://example.com/models")).isEmpty();
  }

  /**
   * The URL shape used to be tried from every letter of a long run (the time grew with the square
   * of the length: about an hour for a megabyte), so one form field held a server thread. The bound
   * only catches such a hang; it is not a speed assertion.
   */
  @Test
  void aMegabyteOfLettersOrOfTokenPrefixesIsCheckedWithoutHanging() {
    for (String long1 :
        new String[] {"h".repeat(1_000_000), "eyJ".repeat(300_000), "a:".repeat(400_000)}) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () -> assertThat(SecretDetector.looksLikeSecret(long1)).isNotNull());
    }
  }

  @Test
  void aTextIsScannedLineByLineCommentsIncludedAndEachFindNamesItsPlaceNotItsValue() {
    String text =
        """
        app: chat
        with:
          args: ["--token=hf_abcdefghijklmnopqrstuvwxyzABCDEF12"]
        # key: Zq8vN3xT7bK1mR5wY2pL9sD4fG6hJ0cV
        """;

    var found = SecretDetector.findIn("apps/search/chat/paved.yaml", text);

    assertThat(found)
        .extracting(f -> f.location().toString(), SecretDetector.Found::what)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "apps/search/chat/paved.yaml:3:19", "a Hugging Face token"),
            org.assertj.core.groups.Tuple.tuple(
                "apps/search/chat/paved.yaml:4:8", "a long random token"));
    assertThat(found.toString()).doesNotContain("hf_abc").doesNotContain("Zq8vN3");
  }

  @Test
  void modelIdsImagesDigestsAndNamesAreNotSecrets() {
    String text =
        """
        model: hf://deepseek-ai/DeepSeek-R1-Distill-Qwen-32B
        model: hf://mistralai/Mixtral-8x7B-Instruct-v0.1
        image: vllm/vllm-openai@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        nodeSelector: {cloud.google.com/gke-accelerator: nvidia-tesla-a100}
        secretKeyRef: {name: chat-secrets, key: HF_TOKEN}
        """;

    assertThat(SecretDetector.findIn("x.yaml", text)).isEmpty();
  }
}
