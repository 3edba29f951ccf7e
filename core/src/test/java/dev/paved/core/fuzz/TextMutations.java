package dev.paved.core.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Random edits of a valid text, shared by the fuzz tests: characters inserted or deleted, lines
 * duplicated, ranges upper-cased, YAML and CEL syntax injected, truncation. Deterministic for a
 * given {@link Random}.
 */
public final class TextMutations {

  /** Fragments that YAML, the templates and the detectors treat specially. */
  public static final List<String> FRAGMENTS =
      List.of(
          ": ",
          "- ",
          "\t",
          "&a ",
          "*a",
          "${",
          "}",
          "{",
          "[",
          "]",
          "'",
          "\"",
          "#",
          "\n",
          "  ",
          "|\n",
          ">-\n",
          "!!binary ",
          "~",
          "null",
          "1e309",
          "99999999999999999999",
          "@",
          "://",
          "\u0000",
          "é",
          "${with.",
          "${vars.x}",
          "hf_AbCdEfGhIjKlMnOpQrStUv123456",
          "---\n",
          "? ",
          "<<: *a");

  private TextMutations() {}

  /** The seed with one to six random edits. */
  public static String mutate(String seed, Random random) {
    String text = seed;
    for (int n = 1 + random.nextInt(6); n > 0; n--) {
      text = Mutation.random(random).apply(text);
    }
    return text;
  }

  /** One random edit of a text. */
  public record Mutation(int kind, double at, double to, String fragment, char character) {

    static Mutation random(Random random) {
      return new Mutation(
          random.nextInt(7),
          random.nextDouble(),
          random.nextDouble(),
          FRAGMENTS.get(random.nextInt(FRAGMENTS.size())),
          (char) random.nextInt(Character.MAX_VALUE + 1));
    }

    public String apply(String text) {
      int i = (int) (at * text.length());
      int j = Math.min(text.length(), i + (int) (to * 40));
      return switch (kind) {
        case 0 -> text.substring(0, i) + fragment + text.substring(i);
        case 1 -> text.substring(0, i) + text.substring(j);
        case 2 -> text.substring(0, i) + character + text.substring(i);
        case 3 -> text.substring(0, i);
        case 4 -> duplicateLine(text, i);
        case 5 -> text.substring(0, i) + text.substring(i, j).toUpperCase() + text.substring(j);
        default -> text.substring(0, i) + fragment + text.substring(j);
      };
    }

    private static String duplicateLine(String text, int at) {
      int start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
      int end = text.indexOf('\n', at);
      String line = text.substring(start, end < 0 ? text.length() : end + 1);
      return text.substring(0, start) + line + text.substring(start);
    }
  }
}
