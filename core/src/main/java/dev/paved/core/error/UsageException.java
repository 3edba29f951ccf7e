package dev.paved.core.error;

import java.util.Optional;

/** The command or request was called wrongly (unknown option value, missing argument). Exit 2. */
public final class UsageException extends PavedException {

  public UsageException(String message, String hint) {
    super(message, Optional.empty(), hint, null);
  }

  @Override
  public int exitCode() {
    return 2;
  }

  @Override
  public int httpStatus() {
    return 400;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
