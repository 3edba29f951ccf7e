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
}
