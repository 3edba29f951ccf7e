package dev.paved.server;

import dev.paved.core.error.PavedException;
import dev.paved.server.http.AppRoutes;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.CatalogRoutes;
import dev.paved.server.http.ChangeRoutes;
import dev.paved.server.http.EventRoutes;
import dev.paved.server.http.LogRoutes;
import dev.paved.server.http.PreviewRoutes;
import dev.paved.server.http.Problem;
import dev.paved.server.http.RateLimitedException;
import dev.paved.server.http.Routes;
import dev.paved.server.http.SystemRoutes;
import dev.paved.server.http.TeamRoutes;
import dev.paved.server.http.TokenRoutes;
import dev.paved.server.json.JsonMapping;
import dev.paved.server.portal.Portal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.util.List;

/**
 * The platform server: the REST API under {@code /api/v1} on Javalin with virtual threads. Every
 * error leaves as an RFC 9457 problem; an unexpected one is logged once, here, and answered without
 * its stack trace.
 */
public final class PavedServer implements AutoCloseable {

  /** Request bodies above this are refused with 413. */
  public static final long MAX_BODY_BYTES = 1_000_000;

  private static final System.Logger LOG = System.getLogger(PavedServer.class.getName());
  private static final String STARTED = "paved.started";

  private final Javalin app;
  private final List<Routes.Route> routes;

  private PavedServer(Javalin app, List<Routes.Route> routes) {
    this.app = app;
    this.routes = routes;
  }

  public static PavedServer start(String host, int port, Services services) {
    return start(host, port, services, java.util.Optional.empty());
  }

  /** Starts the server; with OIDC settings the portal also signs in through that provider. */
  public static PavedServer start(
      String host,
      int port,
      Services services,
      java.util.Optional<dev.paved.server.auth.OidcSettings> oidc) {
    Authentication authentication =
        new Authentication(services.tokens(), services.audit(), services.throttle());
    Routes[] holder = new Routes[1];
    Portal portal = new Portal();
    Javalin app =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.startup.showJavalinBanner = false;
              config.http.maxRequestSize = MAX_BODY_BYTES;
              config.jetty.modifyServer(
                  server -> server.setErrorHandler(new dev.paved.server.http.JettyErrors()));
              config.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(new dev.paved.server.http.JettyErrors()));
              config.jsonMapper(new JsonMapping());
              config.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
              // refused on its Content-Length, before any of it is read: a client that sent
              // Expect: 100-continue never sends the body, and the connection is closed as said
              config.routes.before(
                  ctx -> {
                    if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
                      ctx.header("Connection", "close");
                      throw new io.javalin.http.HttpResponseException(413, "Content Too Large");
                    }
                  });
              config.routes.before(authentication::handle);
              config.routes.before(
                  new dev.paved.server.http.DiskSpace(services.backend().repo().directory())
                      ::check);
              config.routes.after(ctx -> measure(ctx, services));
              Routes routes = new Routes(config);
              SystemRoutes.register(routes, services);
              TokenRoutes.register(routes, services);
              CatalogRoutes.register(routes, services);
              AppRoutes.register(routes, services);
              ChangeRoutes.register(routes, services);
              TeamRoutes.register(routes, services);
              PreviewRoutes.register(routes, services);
              EventRoutes.register(routes, services);
              LogRoutes.register(routes, services);
              holder[0] = routes;
              portal.register(config, services, authentication, oidc);
              config.routes.exception(
                  PavedException.class,
                  (e, ctx) -> {
                    if (Portal.isPage(ctx)) {
                      portal.error(ctx, e);
                    } else {
                      Problem.of(e).writeTo(ctx);
                    }
                  });
              config.routes.exception(
                  RateLimitedException.class,
                  (e, ctx) -> {
                    ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
                    Problem.of(
                            429,
                            e.getMessage(),
                            "wait " + e.retryAfterSeconds() + " s, then use a valid token")
                        .writeTo(ctx);
                  });
              config.routes.exception(
                  HttpResponseException.class, (e, ctx) -> httpError(e.getStatus(), ctx));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    java.util.Optional<Problem> unreadable = unreadable(e);
                    if (unreadable.isPresent()) {
                      Problem refused = unreadable.get();
                      if (Portal.isPage(ctx)) {
                        portal.error(ctx, refused.status(), refused.detail(), refused.hint());
                      } else {
                        refused.writeTo(ctx);
                      }
                      return;
                    }
                    unexpected(e, ctx);
                    if (Portal.isPage(ctx)) {
                      portal.error(
                          ctx,
                          500,
                          "an unexpected error happened on the server; it is logged",
                          "try again; report it if it repeats");
                    }
                  });
              config.routes.error(
                  404,
                  ctx -> {
                    if (!Portal.isPage(ctx)) {
                      notFound(ctx);
                    } else if (!String.valueOf(ctx.res().getContentType())
                        .startsWith("text/html")) {
                      portal.error(
                          ctx,
                          404,
                          "there is no page at " + ctx.path(),
                          "start from the Apps page");
                    }
                  });
            });
    try {
      app.start(host, port);
    } catch (RuntimeException e) {
      app.stop();
      throw cannotListen(host, port, e);
    }
    return new PavedServer(app, holder[0].registered());
  }

  private static dev.paved.core.error.EnvironmentException cannotListen(
      String host, int port, RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof java.net.BindException)) {
      cause = cause.getCause();
    }
    boolean inUse = cause instanceof java.net.BindException;
    return new dev.paved.core.error.EnvironmentException(
        (inUse
            ? "port " + port + " on " + host + " is already in use"
            : "cannot listen on " + host + ":" + port + ": " + e.getMessage()),
        inUse
            ? "stop what uses it, or choose another port with --port (or PAVED_PORT)"
            : "check --host and --port",
        false,
        e);
  }

  private static void notFound(Context ctx) {
    String type = String.valueOf(ctx.res().getContentType());
    if (!type.startsWith(Problem.MEDIA_TYPE)) {
      httpError(404, ctx);
    }
  }

  /** Javalin's own refusals (no route, wrong method, body too large) as problems with a hint. */
  private static void httpError(int status, Context ctx) {
    String request = ctx.method() + " " + ctx.path();
    Problem problem =
        switch (status) {
          case 404 ->
              Problem.of(
                  404, "no such resource: " + request, "the API is described at /api/openapi.json");
          case 405 ->
              Problem.of(
                  405,
                  "this resource does not accept " + request,
                  "the API is described at /api/openapi.json");
          case 413 ->
              Problem.of(
                  413,
                  "the request body is larger than " + MAX_BODY_BYTES + " bytes",
                  "send a smaller body; specs are a few kilobytes");
          default ->
              Problem.of(
                  status,
                  "the request was refused: " + request,
                  "the API is described at /api/openapi.json");
        };
    problem.writeTo(ctx);
  }

  /**
   * A request that could not be read, whatever handler tried: a multipart body without its boundary
   * (Jetty's 4xx), a charset nobody knows. The client's to fix, so a 4xx that says what was wrong,
   * not a 500.
   */
  private static java.util.Optional<Problem> unreadable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof org.eclipse.jetty.http.HttpException refused
          && refused.getCode() >= 400
          && refused.getCode() < 500) {
        return java.util.Optional.of(
            Problem.of(
                refused.getCode(),
                "the request could not be read: " + refused.getReason(),
                "send the body the Content-Type names: JSON to the API, a form to the portal"));
      }
      if (cause instanceof java.nio.charset.UnsupportedCharsetException
          || cause instanceof java.nio.charset.IllegalCharsetNameException) {
        return java.util.Optional.of(
            Problem.of(
                400,
                "the request's charset is not supported: " + cause.getMessage(),
                "send it as UTF-8"));
      }
    }
    return java.util.Optional.empty();
  }

  private static void unexpected(Exception e, Context ctx) {
    LOG.log(System.Logger.Level.ERROR, "unexpected error on " + ctx.method() + " " + ctx.path(), e);
    Problem.of(
            500,
            "an unexpected error happened on the server; it is logged",
            "try again; report it if it repeats")
        .writeTo(ctx);
  }

  private static void measure(Context ctx, Services services) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    long took = System.nanoTime() - started;
    // the server's own time, for browsers' developer tools and the portal benchmark
    ctx.header("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.2f", took / 1e6));
    io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    String route = matched == null ? "unmatched" : matched.path;
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", String.valueOf(ctx.statusCode()))
        .register(services.metrics())
        .record(took, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public int port() {
    return app.port();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The routes the server serves, for the OpenAPI check. */
  public List<Routes.Route> routes() {
    return routes;
  }

  @Override
  public void close() {
    app.stop();
  }
}
