package dev.paved.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.paved.core.error.PavedException;
import dev.paved.reliability.Tally;
import java.time.Duration;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Runs generated inputs one at a time and counts how each ended: accepted, or refused with a {@link
 * PavedException} that says where. Any other exception or error, a refusal without a position, or
 * no answer within {@link #BOUND} fails the test with the input's number and text.
 */
public final class FuzzRun {

  /** A guard against hangs, generous for a slow, busy machine; not a speed assertion. */
  public static final Duration BOUND = Duration.ofSeconds(20);

  private static final int SHOWN = 2_000;

  private final Tally tally;
  private long accepted;
  private long refused;
  private long others;
  private long hangs;

  public FuzzRun(Tally tally, String unit) {
    this.tally = tally.counting(unit);
  }

  /** Runs one input; {@code file} is the name the input was given, which a refusal must name. */
  public void attempt(String file, String input, Runnable action) {
    long number = tally.count() + 1;
    tally.add();
    Optional<Throwable> thrown;
    try {
      thrown =
          assertTimeoutPreemptively(
              BOUND,
              () -> outcome(action),
              () -> "input #" + number + " had no answer within " + BOUND + ":\n" + shown(input));
    } catch (AssertionFailedError hang) {
      hangs++;
      throw hang;
    }
    if (thrown.isEmpty()) {
      accepted++;
    } else if (thrown.get() instanceof PavedException refusal) {
      if (refusal.location().isEmpty() || !refusal.oneLine().startsWith(file)) {
        throw new AssertionFailedError(
            "input #"
                + number
                + " was refused without its position in "
                + file
                + ": "
                + refusal.oneLine());
      }
      refused++;
    } else {
      others++;
      throw new AssertionFailedError(
          "input #"
              + number
              + " threw "
              + thrown.get()
              + ", not a PavedException:\n"
              + shown(input),
          thrown.get());
    }
  }

  private static Optional<Throwable> outcome(Runnable action) {
    try {
      action.run();
      return Optional.empty();
    } catch (Throwable any) {
      return Optional.of(any);
    }
  }

  /** Both outcomes happened, so the inputs were neither all trivial nor all broken. */
  public void requireBothOutcomes() {
    assertThat(accepted).as("inputs accepted").isPositive();
    assertThat(refused).as("inputs refused").isPositive();
  }

  /**
   * "6,012 rendered, 3,988 refused with a positioned PavedException; 0 other exceptions, 0 hangs".
   */
  public String summary(String acceptedAs) {
    return String.format(
        "%,d %s, %,d refused with a positioned PavedException; %,d other exceptions, %,d hangs",
        accepted, acceptedAs, refused, others, hangs);
  }

  private static String shown(String input) {
    return input.length() <= SHOWN
        ? input
        : input.substring(0, SHOWN) + "… (" + input.length() + " characters)";
  }
}
