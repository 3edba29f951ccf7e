package dev.paved.core.error;

import java.util.Optional;

/** Something outside the input failed: a file that cannot be read, a server or cluster. Exit 3. */
public final class EnvironmentException extends PavedException {

  private final boolean retryable;

  public EnvironmentException(String message, String hint, boolean retryable, Throwable cause) {
    super(message, Optional.empty(), hint, cause);
    this.retryable = retryable;
  }

  @Override
  public int exitCode() {
    return 3;
  }

  @Override
  public int httpStatus() {
    return 503;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
