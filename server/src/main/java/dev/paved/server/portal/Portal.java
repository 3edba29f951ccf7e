package dev.paved.server.portal;

import dev.paved.core.error.PavedException;
import dev.paved.server.Services;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.Routes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

/** The portal's pages, static files and error pages. */
public final class Portal {

  private final Pages pages = new Pages();

  /** Registers every page; the API's routes are registered elsewhere. */
  public void register(
      JavalinConfig config,
      Services services,
      Authentication auth,
      java.util.Optional<dev.paved.server.auth.OidcSettings> oidc) {
    config.staticFiles.add("/public", Location.CLASSPATH);
    config.staticFiles.enableWebjars();
    Routes routes = new Routes(config);
    java.util.Optional<dev.paved.server.auth.OidcClient> client =
        oidc.map(dev.paved.server.auth.OidcClient::new);
    LoginPage.register(routes, services, pages, auth, client);
    client.ifPresent(c -> new OidcLogin(c, services, pages).register(routes));
    CatalogPage.register(routes, services, pages);
    PathPages.register(routes, services, pages);
    ChangePages.register(routes, services, pages);
    AppPages.register(routes, services, pages);
    TeamPage.register(routes, services, pages);
    PlatformPage.register(routes, services, pages);
  }

  /** Whether a request is for a page (errors then come as a page, not as a problem document). */
  public static boolean isPage(Context ctx) {
    String path = ctx.path();
    return !path.startsWith("/api/")
        && !path.equals("/healthz")
        && !path.equals("/readyz")
        && !path.equals("/metrics");
  }

  /** A refusal or failure as a page: the sentence and the fix, never a stack trace. */
  public void error(Context ctx, int status, String message, String hint) {
    ctx.status(status);
    String back =
        java.util.Optional.ofNullable(ctx.header("Referer"))
            .map(r -> r.replaceFirst("^https?://[^/]+", ""))
            .map(LoginPage::local)
            .orElse("/apps");
    pages.render(ctx, "error.jte", new ErrorPage(title(status), message, hint, back));
  }

  public void error(Context ctx, PavedException e) {
    error(
        ctx,
        e.httpStatus(),
        dev.paved.server.http.PlainMessages.of(e.getMessage()),
        dev.paved.server.http.PlainMessages.of(e.hint()));
  }

  private static String title(int status) {
    return switch (status) {
      case 401 -> "Please sign in";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 422, 400 -> "Please check the input";
      case 429 -> "Too many attempts";
      case 503 -> "Temporarily unavailable";
      default -> "Something went wrong";
    };
  }
}
