package dev.paved.core.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance. */
public final class Suggestions {

  private Suggestions() {}

  /** The closest candidate within a small edit distance, if any. */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    Optional<String> extension =
        candidates.stream()
            .filter(c -> word.length() >= 3 && c.startsWith(word))
            .sorted()
            .findFirst();
    if (extension.isPresent()) {
      return extension;
    }
    int limit = Math.max(2, word.length() / 3);
    return candidates.stream()
        .filter(c -> distance(word.toLowerCase(), c.toLowerCase()) <= limit)
        .min(Comparator.comparingInt((String c) -> distance(word, c)).thenComparing(c -> c));
  }

  /** A hint like {@code did you mean 'model'?} or one listing the allowed words. */
  public static String hint(String word, Collection<String> candidates) {
    return closest(word, candidates)
        .map(c -> "did you mean '" + c + "'?")
        .orElseGet(
            () -> "expected one of: " + String.join(", ", candidates.stream().sorted().toList()));
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
