package dev.paved.core.error;

import java.util.Optional;

/** The user's input (a spec, a golden path, a target, a policy) is wrong. Exit 1, HTTP 422. */
public final class InvalidInputException extends PavedException {

  public InvalidInputException(String message, SourceLocation location, String hint) {
    super(message, Optional.of(location), hint, null);
  }

  public InvalidInputException(String message, String hint) {
    super(message, Optional.empty(), hint, null);
  }

  public InvalidInputException(
      String message, Optional<SourceLocation> location, String hint, Throwable cause) {
    super(message, location, hint, cause);
  }

  @Override
  public int exitCode() {
    return 1;
  }

  @Override
  public int httpStatus() {
    return 422;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
