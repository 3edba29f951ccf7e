package dev.paved.cluster.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls a condition every 100 ms until it holds or a deadline passes. */
final class Poll {

  private static final Duration INTERVAL = Duration.ofMillis(100);

  private Poll() {}

  /**
   * @return whether the condition held before the timeout
   */
  static boolean until(Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      try {
        Thread.sleep(INTERVAL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
