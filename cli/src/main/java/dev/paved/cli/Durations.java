package dev.paved.cli;

import dev.paved.core.error.UsageException;
import java.time.Duration;

/** {@code 90s}, {@code 10m}, {@code 1h}: durations as people write them on a command line. */
final class Durations {

  private Durations() {}

  static Duration parse(String text, String option) {
    String value = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new UsageException(
          option + " '" + text + "' is not a duration", "write it as 90s, 10m or 1h");
    }
  }
}
