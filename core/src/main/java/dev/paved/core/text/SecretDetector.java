package dev.paved.core.text;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises values that look like credentials, so a secret pasted into a spec is refused before it
 * can reach Git. Errs on the side of known token shapes; names such as {@code HF_TOKEN} pass.
 */
public final class SecretDetector {

  private record Shape(String what, Pattern pattern) {}

  // the shapes that can fail after a long run start only where a run starts (a lookbehind) and
  // never give characters back (possessive): tried from every letter, a long field took minutes
  private static final List<Shape> SHAPES =
      List.of(
          new Shape("a Hugging Face token", Pattern.compile("hf_[A-Za-z0-9]{20,}")),
          new Shape("an OpenAI-style API key", Pattern.compile("sk-[A-Za-z0-9_-]{20,}")),
          new Shape("an AWS access key id", Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}")),
          new Shape(
              "a GitHub token", Pattern.compile("(ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{20,}")),
          new Shape("a Slack token", Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}")),
          new Shape("a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----")),
          new Shape(
              "a URL with a password",
              Pattern.compile(
                  "(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*+://[^/\\s:@]++:[^/\\s@]++@")),
          new Shape(
              "a JSON web token",
              Pattern.compile(
                  "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}+\\.[A-Za-z0-9_-]{10,}+\\.")));

  private static final Pattern LONG_RANDOM = Pattern.compile("[A-Za-z0-9+/_=-]{32,}");

  private SecretDetector() {}

  /** What kind of secret the value looks like, if it looks like one. */
  public static Optional<String> looksLikeSecret(String value) {
    for (Shape shape : SHAPES) {
      if (shape.pattern().matcher(value).find()) {
        return Optional.of(shape.what());
      }
    }
    if (LONG_RANDOM.matcher(value).matches() && mixesCharacterClasses(value)) {
      return Optional.of("a long random token");
    }
    return Optional.empty();
  }

  private static boolean mixesCharacterClasses(String value) {
    boolean lower = value.chars().anyMatch(Character::isLowerCase);
    boolean upper = value.chars().anyMatch(Character::isUpperCase);
    boolean digit = value.chars().anyMatch(Character::isDigit);
    return lower && upper && digit;
  }
}
