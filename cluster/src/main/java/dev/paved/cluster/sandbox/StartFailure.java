package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import java.nio.file.Path;

/** Builds the one message users see when a step of {@code up} fails. */
final class StartFailure {

  private StartFailure() {}

  /** A step failed for a reason that has a log file. */
  static EnvironmentException of(String step, String reason, Path log, Throwable cause) {
    String why = reason;
    if (LogTail.portInUse(log)) {
      why = "a port it needs is in use (" + reason + ")";
    }
    String line = LogTail.lastError(log);
    String message =
        "sandbox up failed at step '"
            + step
            + "': "
            + why
            + (line.isEmpty() ? "" : "; log: " + line);
    return new EnvironmentException(
        message, "see " + log + "; everything this up started was stopped", true, cause);
  }
}
