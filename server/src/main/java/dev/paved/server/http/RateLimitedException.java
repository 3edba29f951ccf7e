package dev.paved.server.http;

import java.time.Duration;

/** Too many failed attempts from one address: HTTP 429 with Retry-After. */
public final class RateLimitedException extends RuntimeException {

  private final Duration retryAfter;

  public RateLimitedException(Duration retryAfter) {
    super("too many failed authentications from this address");
    this.retryAfter = retryAfter;
  }

  public long retryAfterSeconds() {
    return Math.max(1, retryAfter.toSeconds() + 1);
  }
}
