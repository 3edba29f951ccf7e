package dev.paved.core.error;

import java.util.Optional;

/**
 * The actor may not do this (not in the team, no platform role, own approval). Exit 1, HTTP 403.
 */
public final class NotAllowedException extends PavedException {

  public NotAllowedException(String message, String hint) {
    super(message, Optional.empty(), hint, null);
  }

  @Override
  public int exitCode() {
    return 1;
  }

  @Override
  public int httpStatus() {
    return 403;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
