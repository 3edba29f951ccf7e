package dev.paved.cluster.doctor;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small text helpers for messages and evidence. */
final class Texts {

  private Texts() {}

  static String shorten(String text, int max) {
    String flat = text.strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }

  static Optional<String> group(Pattern pattern, String text, int group) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.ofNullable(matcher.group(group)) : Optional.empty();
  }

  /** {@code 3m}, {@code 2h5m}, {@code 4d}: an age for people. */
  static String age(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    if (seconds < 2 * 3600) {
      return seconds / 60 + "m";
    }
    if (seconds < 2 * 86400) {
      return seconds / 3600 + "h" + (seconds % 3600 / 60 > 0 ? seconds % 3600 / 60 + "m" : "");
    }
    return seconds / 86400 + "d";
  }

  /** The first line of {@code log} matching {@code pattern}, trimmed, or empty. */
  static Optional<String> line(String log, Pattern pattern) {
    for (String line : log.lines().toList()) {
      if (pattern.matcher(line).find()) {
        return Optional.of(shorten(line, 300));
      }
    }
    return Optional.empty();
  }
}
