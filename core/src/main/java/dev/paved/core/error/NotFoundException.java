package dev.paved.core.error;

import java.util.Optional;

/** What was asked for does not exist (a change request, an app, a revision). Exit 1, HTTP 404. */
public final class NotFoundException extends PavedException {

  public NotFoundException(String message, String hint) {
    super(message, Optional.empty(), hint, null);
  }

  @Override
  public int exitCode() {
    return 1;
  }

  @Override
  public int httpStatus() {
    return 404;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
