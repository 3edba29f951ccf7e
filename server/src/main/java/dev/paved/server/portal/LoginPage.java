package dev.paved.server.portal;

import dev.paved.core.error.NotAuthenticatedException;
import dev.paved.server.Services;
import dev.paved.server.auth.OidcClient;
import dev.paved.server.auth.Sessions;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Optional;

/**
 * The sign-in page. Without an identity provider the portal signs in with an API token (the admin's
 * is printed by {@code paved up}); the session then has a token of its own, in an HttpOnly,
 * SameSite=Lax cookie.
 *
 * @param next where to go after signing in (a local path only)
 * @param error why the last attempt failed
 * @param oidc the identity provider's name, when one is configured
 */
public record LoginPage(String next, Optional<String> error, Optional<String> oidc) {

  /** {@code next}, encoded for a query string. */
  public String nextQuery() {
    return java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Session cookies last a working week; the session token can be revoked before. */
  static final int MAX_AGE_SECONDS = (int) Sessions.LIFETIME.toSeconds();

  static void register(
      Routes routes,
      Services services,
      Pages pages,
      Authentication auth,
      Optional<OidcClient> oidc) {
    Sessions sessions = new Sessions(services.tokens());
    Optional<String> provider = oidc.map(c -> c.settings().displayName());
    routes
        .get(
            "/login",
            ctx ->
                pages.render(
                    ctx,
                    "login.jte",
                    new LoginPage(local(ctx.queryParam("next")), Optional.empty(), provider)))
        .post("/login", ctx -> signIn(ctx, sessions, pages, auth, provider))
        .post("/logout", ctx -> signOut(ctx, sessions));
  }

  /**
   * Whether a sign-in form was posted by a page of this server. A page elsewhere could otherwise
   * sign a visitor in as the attacker (login CSRF); browsers say where a form came from.
   */
  static boolean sameSite(Context ctx) {
    String fetchSite = ctx.header("Sec-Fetch-Site");
    if (fetchSite != null) {
      return fetchSite.equals("same-origin") || fetchSite.equals("none");
    }
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) {
      return origin == null; // no Origin: not a browser's cross-site form
    }
    try {
      return String.valueOf(java.net.URI.create(origin).getAuthority()).equals(ctx.host());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void signIn(
      Context ctx, Sessions sessions, Pages pages, Authentication auth, Optional<String> provider) {
    String next = local(ctx.formParam("next"));
    if (!sameSite(ctx)) {
      ctx.status(403);
      pages.render(
          ctx,
          "login.jte",
          new LoginPage(
              next,
              Optional.of("This sign-in form was sent from another site; sign in here instead."),
              provider));
      return;
    }
    String token = Optional.ofNullable(ctx.formParam("token")).orElse("");
    Sessions.Started started;
    try {
      started = auth.signIn(ctx, sessions, token);
    } catch (NotAuthenticatedException e) {
      ctx.status(401);
      pages.render(
          ctx,
          "login.jte",
          new LoginPage(next, Optional.of(e.getMessage() + ". " + e.hint()), provider));
      return;
    } catch (dev.paved.server.http.RateLimitedException e) {
      ctx.status(429).header("Retry-After", String.valueOf(e.retryAfterSeconds()));
      pages.render(
          ctx,
          "login.jte",
          new LoginPage(
              next,
              Optional.of(
                  "Too many failed sign-ins from this address; wait "
                      + e.retryAfterSeconds()
                      + " s and try again."),
              provider));
      return;
    }
    ctx.cookie(cookie(started.secret(), MAX_AGE_SECONDS, ctx));
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private static void signOut(Context ctx, Sessions sessions) {
    Authentication.session(ctx)
        .ifPresent(secret -> sessions.end(Authentication.principal(ctx), secret));
    ctx.cookie(cookie("", 0, ctx));
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  static Cookie cookie(String value, int maxAge, Context ctx) {
    boolean https = https(ctx);
    return new Cookie(Sessions.COOKIE, value, "/", maxAge, https, true, null, SameSite.LAX);
  }

  /**
   * Whether the browser reached this server over HTTPS: directly, or through a proxy that ended TLS
   * and says so in {@code X-Forwarded-Proto}. Cookies are then marked {@code Secure}.
   */
  static boolean https(Context ctx) {
    return "https".equals(ctx.scheme())
        || "https".equalsIgnoreCase(String.valueOf(ctx.header("X-Forwarded-Proto")).strip());
  }

  /** What a path of this server may hold: no spaces, tabs, control characters or backslashes. */
  private static final java.util.regex.Pattern LOCAL =
      java.util.regex.Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*");

  /**
   * Only paths of this server: an open redirect would let a link send users elsewhere. Browsers
   * drop tabs and newlines from URLs, so {@code /<TAB>/evil.example} would be {@code
   * //evil.example}: anything but plain URL characters is refused.
   */
  static String local(String next) {
    if (next == null || !LOCAL.matcher(next).matches()) {
      return "/apps";
    }
    return next;
  }
}
