package dev.paved.core.error;

import java.util.Optional;

/** No identity, or one that is not valid: a missing, unknown or revoked token. Exit 1, HTTP 401. */
public final class NotAuthenticatedException extends PavedException {

  public NotAuthenticatedException(String message, String hint) {
    super(message, Optional.empty(), hint, null);
  }

  @Override
  public int exitCode() {
    return 1;
  }

  @Override
  public int httpStatus() {
    return 401;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
