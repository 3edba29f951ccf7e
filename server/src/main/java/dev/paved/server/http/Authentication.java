package dev.paved.server.http;

import dev.paved.core.error.NotAuthenticatedException;
import dev.paved.server.audit.AuditLog;
import dev.paved.server.auth.FailureThrottle;
import dev.paved.server.auth.Principal;
import dev.paved.server.auth.TokenStore;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who is calling {@code /api/v1}: the bearer token's user. A missing or bad token is 401 with how
 * to get one; ten failures a minute from one address are 429 (and audited).
 */
public final class Authentication {

  private static final String PRINCIPAL = "paved.principal";

  private final TokenStore tokens;
  private final AuditLog audit;
  private final FailureThrottle throttle;

  public Authentication(TokenStore tokens, AuditLog audit, FailureThrottle throttle) {
    this.tokens = tokens;
    this.audit = audit;
    this.throttle = throttle;
  }

  /** A before-handler for every request; only {@code /api/v1/} paths need a token. */
  public void handle(Context ctx) {
    if (!ctx.path().startsWith("/api/v1/")) {
      return;
    }
    throttle
        .blocked(ctx.ip())
        .ifPresent(
            wait -> {
              throw new RateLimitedException(wait);
            });
    String header = Optional.ofNullable(ctx.header("Authorization")).orElse("").strip();
    if (header.isEmpty()) {
      throw new NotAuthenticatedException(
          "no token: the request has no Authorization header",
          "send 'Authorization: Bearer TOKEN'; get a token with 'paved login URL' or in the portal");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new NotAuthenticatedException(
          "the Authorization header is not a bearer token", "send 'Authorization: Bearer TOKEN'");
    }
    Optional<Principal> principal = tokens.authenticate(header.substring(7).strip());
    if (principal.isEmpty()) {
      throttle.failed(ctx.ip());
      audit.record(
          "anonymous",
          "auth.failed",
          ctx.method() + " " + ctx.path(),
          "denied",
          ctx.ip(),
          "unknown, revoked or mistyped token");
      throw new NotAuthenticatedException(
          "the token is not valid: unknown, revoked or mistyped",
          "create a new token ('paved login URL', or the portal's token page) and use it instead");
    }
    ctx.attribute(PRINCIPAL, principal.get());
  }

  public static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw new NotAuthenticatedException(
          "this route needs a token", "send 'Authorization: Bearer TOKEN'");
    }
    return principal;
  }
}
