package dev.paved.server.http;

import dev.paved.core.error.NotAllowedException;
import dev.paved.core.error.NotAuthenticatedException;
import dev.paved.server.audit.AuditLog;
import dev.paved.server.auth.FailureThrottle;
import dev.paved.server.auth.Principal;
import dev.paved.server.auth.Sessions;
import dev.paved.server.auth.TokenStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling. The API takes a bearer token, or the portal's session cookie; the portal takes
 * the cookie and sends the signed-out to its sign-in page. A write under a cookie must carry the
 * session's CSRF token (form field {@code _csrf} or header {@code X-CSRF-Token}): a page of another
 * site can make the browser send the cookie, never that token. A missing or bad token is 401 with
 * how to get one; past ten failures a minute from one address, its failures are 429 (and audited);
 * valid tokens from that address still pass.
 */
public final class Authentication {

  private static final String PRINCIPAL = "paved.principal";
  private static final String SESSION = "paved.session";

  /** Paths anyone may read: probes, metrics, the API description, sign-in and static files. */
  private static final List<String> PUBLIC =
      List.of(
          "/healthz",
          "/readyz",
          "/metrics",
          "/api/openapi.json",
          "/login",
          "/login/oidc",
          "/login/oidc/callback",
          "/favicon.ico");

  private static final List<String> PUBLIC_PREFIXES = List.of("/assets/", "/webjars/");

  private final TokenStore tokens;
  private final AuditLog audit;
  private final FailureThrottle throttle;

  public Authentication(TokenStore tokens, AuditLog audit, FailureThrottle throttle) {
    this.tokens = tokens;
    this.audit = audit;
    this.throttle = throttle;
  }

  /** A before-handler for every request. */
  public void handle(Context ctx) {
    String path = ctx.path();
    if (PUBLIC.contains(path) || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith)) {
      return;
    }
    boolean api = path.startsWith("/api/");
    String header = Optional.ofNullable(ctx.header("Authorization")).orElse("").strip();
    Optional<String> cookie = Optional.ofNullable(ctx.cookie(Sessions.COOKIE));
    if (api && (!header.isEmpty() || cookie.isEmpty())) {
      bearer(ctx, header);
    } else if (cookie.isPresent()) {
      session(ctx, cookie.get(), api);
    } else {
      toSignIn(ctx);
    }
  }

  private void bearer(Context ctx, String header) {
    if (header.isEmpty()) {
      throw new NotAuthenticatedException(
          "no token: the request has no Authorization header",
          "send 'Authorization: Bearer TOKEN'; get a token with 'paved login URL' or in the portal");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new NotAuthenticatedException(
          "the Authorization header is not a bearer token", "send 'Authorization: Bearer TOKEN'");
    }
    Principal principal = valid(ctx, header.substring(7).strip());
    ctx.attribute(PRINCIPAL, principal);
  }

  private void session(Context ctx, String secret, boolean api) {
    Optional<Principal> principal = tokens.authenticate(secret);
    if (principal.isEmpty()) {
      ctx.removeCookie(Sessions.COOKIE, "/");
      if (api) {
        throw new NotAuthenticatedException(
            "the portal session has ended", "sign in again at /login");
      }
      toSignIn(ctx);
      return;
    }
    if (!safe(ctx)) {
      String given =
          Optional.ofNullable(ctx.header("X-CSRF-Token"))
              .or(() -> Optional.ofNullable(ctx.formParam("_csrf")))
              .orElse("");
      if (!Sessions.csrfMatches(secret, given)) {
        audit.record(
            principal.get().user(),
            "csrf.failed",
            ctx.method() + " " + ctx.path(),
            "denied",
            ctx.ip(),
            given.isEmpty() ? "no CSRF token" : "wrong CSRF token");
        throw new NotAllowedException(
            "the form's security token is missing or out of date",
            "reload the page and send the form again");
      }
    }
    ctx.attribute(PRINCIPAL, principal.get());
    ctx.attribute(SESSION, secret);
  }

  /**
   * The token's user. A valid token always passes, so failures from a shared address (a proxy, a
   * NAT) cannot lock its other users out; an address whose failures pass the limit gets 429 instead
   * of 401 until they age out.
   */
  private Principal valid(Context ctx, String token) {
    Optional<Principal> principal = tokens.authenticate(token);
    if (principal.isEmpty()) {
      Optional<java.time.Duration> wait = throttle.blocked(ctx.ip());
      throttle.failed(ctx.ip());
      audit.record(
          "anonymous",
          "auth.failed",
          ctx.method() + " " + ctx.path(),
          "denied",
          ctx.ip(),
          "unknown, revoked or mistyped token");
      if (wait.isPresent()) {
        throw new RateLimitedException(wait.get());
      }
      throw new NotAuthenticatedException(
          "the token is not valid: unknown, revoked or mistyped",
          "create a new token ('paved login URL', or the portal's token page) and use it instead");
    }
    return principal.get();
  }

  /** Signs in with an API token (the portal's sign-in form); counts failures like the API does. */
  public Sessions.Started signIn(Context ctx, Sessions sessions, String token) {
    Optional<Sessions.Started> started = sessions.start(token, java.time.LocalDate.now());
    if (started.isEmpty()) {
      valid(ctx, token); // records the failure and throws the same 401 as the API
    }
    return started.orElseThrow();
  }

  private static void toSignIn(Context ctx) {
    if (!safe(ctx)) {
      throw new NotAuthenticatedException("you are not signed in", "sign in at /login");
    }
    String back = ctx.path() + Optional.ofNullable(ctx.queryString()).map(q -> "?" + q).orElse("");
    ctx.redirect(
        "/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    ctx.skipRemainingHandlers();
  }

  private static boolean safe(Context ctx) {
    String method = ctx.method().name();
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  public static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw new NotAuthenticatedException(
          "this route needs a token", "send 'Authorization: Bearer TOKEN'");
    }
    return principal;
  }

  /** The portal session's secret, when the request came with one. */
  public static Optional<String> session(Context ctx) {
    return Optional.ofNullable(ctx.attribute(SESSION));
  }
}
