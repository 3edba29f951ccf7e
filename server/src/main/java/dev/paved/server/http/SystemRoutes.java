package dev.paved.server.http;

import dev.paved.server.Services;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Liveness, readiness, metrics and the OpenAPI document: no token needed. */
public final class SystemRoutes {

  private SystemRoutes() {}

  public static void register(Routes routes, Services services) {
    String openApi = openApi();
    routes
        .get("/healthz", ctx -> ctx.json(Map.of("status", "ok")))
        .get(
            "/readyz",
            ctx -> {
              if (services.database().reachable()) {
                ctx.json(Map.of("status", "ready", "database", "up"));
              } else {
                Problem.of(
                        503,
                        "the database is not reachable",
                        "check the database server; writes are refused until it is back")
                    .writeTo(ctx);
              }
            })
        .get(
            "/metrics",
            ctx ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(services.metrics().scrape()))
        .get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
  }

  static String openApi() {
    try (InputStream in = SystemRoutes.class.getResourceAsStream("/paved/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("paved/openapi.json is missing from the server jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
