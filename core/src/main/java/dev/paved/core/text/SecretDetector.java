package dev.paved.core.text;

import dev.paved.core.error.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
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

  /** A run of token letters inside a line, for the long random shape (the value is a word). */
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9+/_=-]{32,}+");

  /**
   * One secret-shaped value found in a text.
   *
   * @param location file, 1-based line and column of its first character
   * @param what what it looks like ("a Hugging Face token"); never the value itself
   */
  public record Found(SourceLocation location, String what) {}

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

  /**
   * Every secret-shaped value in a text of any format (YAML, JSON, a commit message), comments
   * included, line by line, with its position. Only the shapes are reported, never the values.
   */
  public static List<Found> findIn(String file, String text) {
    List<Found> found = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      findInLine(file, i + 1, lines[i]).ifPresent(found::add);
    }
    return found;
  }

  private static Optional<Found> findInLine(String file, int line, String text) {
    for (Shape shape : SHAPES) {
      Matcher matcher = shape.pattern().matcher(text);
      if (matcher.find()) {
        return Optional.of(
            new Found(new SourceLocation(file, line, matcher.start() + 1), shape.what()));
      }
    }
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      if (mixesCharacterClasses(word.group()) && longSegments(word.group())) {
        return Optional.of(
            new Found(new SourceLocation(file, line, word.start() + 1), "a long random token"));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a word is made of long runs, as generated tokens are, rather than of short names joined
   * by separators ({@code deepseek-ai/DeepSeek-R1-Distill-Qwen-32B} is a model id, not a key).
   */
  private static boolean longSegments(String word) {
    long parts = Arrays.stream(word.split("[-_/+=]+")).filter(s -> !s.isEmpty()).count();
    int length = word.replaceAll("[-_/+=]", "").length();
    return parts > 0 && length >= 10 * parts;
  }

  private static boolean mixesCharacterClasses(String value) {
    boolean lower = value.chars().anyMatch(Character::isLowerCase);
    boolean upper = value.chars().anyMatch(Character::isUpperCase);
    boolean digit = value.chars().anyMatch(Character::isDigit);
    return lower && upper && digit;
  }
}
