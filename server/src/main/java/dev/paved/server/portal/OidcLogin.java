package dev.paved.server.portal;

import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.NotAuthenticatedException;
import dev.paved.server.Services;
import dev.paved.server.auth.OidcClient;
import dev.paved.server.auth.OidcSettings;
import dev.paved.server.auth.PlatformRole;
import dev.paved.server.auth.Principal;
import dev.paved.server.auth.Sessions;
import dev.paved.server.auth.UserStore;
import dev.paved.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in through the configured OpenID Connect provider: {@code /login/oidc} sends the browser
 * there with a fresh state, nonce and PKCE verifier; {@code /login/oidc/callback} takes the code
 * back, checks that the same browser started the sign-in, exchanges the code, and opens a portal
 * session for the user the ID token names. The user is created on first sign-in; team membership
 * comes from the team files as for everyone.
 */
final class OidcLogin {

  private static final String COOKIE = "paved_oidc";
  private static final Duration PATIENCE = Duration.ofMinutes(10);
  private static final int MAX_PENDING = 10_000;

  /** A sign-in that left for the provider and has not come back yet. */
  private record Pending(
      String nonce, String verifier, String next, Instant started, String address) {}

  /** Sign-ins one address may have under way at once. */
  private static final int MAX_PENDING_PER_ADDRESS = 20;

  private final OidcClient client;
  private final Services services;
  private final Pages pages;
  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  OidcLogin(OidcClient client, Services services, Pages pages) {
    this.client = client;
    this.services = services;
    this.pages = pages;
    this.clock = services.clock();
  }

  void register(Routes routes) {
    routes.get("/login/oidc", this::start).get("/login/oidc/callback", this::callback);
  }

  private void start(Context ctx) {
    Instant now = clock.instant();
    pending.values().removeIf(p -> p.started().plus(PATIENCE).isBefore(now));
    String address = ctx.ip();
    long fromHere = pending.values().stream().filter(p -> p.address().equals(address)).count();
    if (pending.size() >= MAX_PENDING || fromHere >= MAX_PENDING_PER_ADDRESS) {
      refuse(ctx, 429, "too many sign-ins are under way", "finish one, or try again in 10 minutes");
      return;
    }
    String state = secret();
    Pending sign =
        new Pending(secret(), secret(), LoginPage.local(ctx.queryParam("next")), now, address);
    pending.put(state, sign);
    ctx.cookie(
        new Cookie(
            COOKIE,
            state,
            "/login/oidc",
            (int) PATIENCE.toSeconds(),
            LoginPage.https(ctx),
            true,
            null,
            SameSite.LAX));
    ctx.redirect(
        client.authorizationUrl(state, sign.nonce(), sign.verifier(), redirect(ctx)).toString(),
        HttpStatus.FOUND);
  }

  private void callback(Context ctx) {
    String state = Optional.ofNullable(ctx.queryParam("state")).orElse("");
    Optional<Pending> sign = Optional.ofNullable(pending.remove(state));
    ctx.removeCookie(COOKIE, "/login/oidc");
    if (sign.isEmpty()
        || !state.equals(ctx.cookie(COOKIE))
        || sign.get().started().plus(PATIENCE).isBefore(clock.instant())) {
      refuse(
          ctx,
          400,
          "this sign-in was not started here, was used already, or took longer than 10 minutes",
          "start again with the sign-in button");
      return;
    }
    if (ctx.queryParam("error") != null) {
      // only the error code, an OAuth word: the description is the provider's free text
      String error = ctx.queryParam("error").replaceAll("[^A-Za-z0-9_.-]", "");
      refuse(
          ctx,
          401,
          "the identity provider did not sign you in (" + error + ")",
          "try again, or sign in with a token");
      return;
    }
    String code = Optional.ofNullable(ctx.queryParam("code")).orElse("");
    OidcClient.Identity identity;
    try {
      identity = client.exchange(code, sign.get().verifier(), sign.get().nonce(), redirect(ctx));
    } catch (NotAuthenticatedException e) {
      services
          .audit()
          .record("anonymous", "auth.oidc", "sign-in", "denied", ctx.ip(), e.getMessage());
      refuse(ctx, 401, e.getMessage(), e.hint());
      return;
    } catch (EnvironmentException e) {
      refuse(ctx, 503, e.getMessage(), e.hint());
      return;
    }
    UserStore.Claim claim =
        services.users().claim(identity.user(), identity.subject(), identity.name());
    if (claim instanceof UserStore.Claim.Taken taken) {
      services
          .audit()
          .record(identity.user(), "auth.oidc", "sign-in", "denied", ctx.ip(), taken.reason());
      refuse(
          ctx,
          403,
          "cannot sign you in as " + identity.user() + ": " + taken.reason(),
          "ask a platform engineer; until then sign in with a token");
      return;
    }
    Principal principal = provision(identity, ((UserStore.Claim.Granted) claim).before());
    String secret =
        services
            .tokens()
            .issue(
                principal.user(),
                Sessions.NAME_PREFIX
                    + LocalDate.now(clock)
                    + " (sign-in with "
                    + client.settings().displayName()
                    + ")",
                Optional.of(Sessions.LIFETIME))
            .token();
    services.audit().record(principal.user(), "auth.oidc", "sign-in", "ok", ctx.ip(), "");
    ctx.cookie(LoginPage.cookie(secret, LoginPage.MAX_AGE_SECONDS, ctx));
    ctx.redirect(sign.get().next(), HttpStatus.SEE_OTHER);
  }

  /** The user as the provider names them: created on first sign-in, roles from groups if set. */
  private Principal provision(OidcClient.Identity identity, Optional<Principal> known) {
    OidcSettings settings = client.settings();
    PlatformRole role;
    if (settings.platformGroup().isPresent() || settings.viewerGroup().isPresent()) {
      List<String> groups = identity.groups();
      role =
          settings.platformGroup().filter(groups::contains).isPresent()
              ? PlatformRole.PLATFORM
              : settings.viewerGroup().filter(groups::contains).isPresent()
                  ? PlatformRole.VIEWER
                  : PlatformRole.NONE;
    } else {
      role = known.map(Principal::platformRole).orElse(PlatformRole.NONE);
    }
    return services
        .users()
        .put(
            new Principal(
                identity.user(),
                identity.name(),
                role,
                known.map(Principal::teams).orElse(Map.of())));
  }

  private URI redirect(Context ctx) {
    String base =
        client
            .settings()
            .publicUrl()
            .map(u -> u.toString().replaceAll("/$", ""))
            .orElse(ctx.scheme() + "://" + ctx.host());
    return URI.create(base + "/login/oidc/callback");
  }

  private void refuse(Context ctx, int status, String message, String hint) {
    ctx.status(status);
    pages.render(
        ctx,
        "login.jte",
        new LoginPage(
            "/apps",
            Optional.of(message + ". " + hint),
            Optional.of(client.settings().displayName())));
  }

  private String secret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
