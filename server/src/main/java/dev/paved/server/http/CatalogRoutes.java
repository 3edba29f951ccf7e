package dev.paved.server.http;

import dev.paved.core.platform.PlatformViews;
import dev.paved.server.Services;
import java.util.Map;

/** What the platform offers: golden paths and targets. Every signed-in user may read them. */
public final class CatalogRoutes {

  private CatalogRoutes() {}

  public static void register(Routes routes, Services services) {
    routes
        .get(
            "/api/v1/paths",
            ctx ->
                ctx.json(
                    Map.of(
                        "paths",
                        services.backend().platform().paths().latest().stream()
                            .map(PlatformViews::path)
                            .toList())))
        .get(
            "/api/v1/paths/{name}",
            ctx -> {
              String name = AppRoutes.name(ctx.pathParam("name"), "golden path");
              var path =
                  services.backend().platform().paths().latest().stream()
                      .filter(p -> p.name().equals(name))
                      .findFirst()
                      .orElseThrow(
                          () ->
                              new dev.paved.core.error.NotFoundException(
                                  "no golden path " + name, "list them with GET /api/v1/paths"));
              java.util.Map<String, Object> view =
                  new java.util.LinkedHashMap<>(PlatformViews.path(path));
              view.put("schema", dev.paved.core.schema.SpecSchemaGenerator.parametersOf(path));
              ctx.json(view);
            })
        .get(
            "/api/v1/targets",
            ctx ->
                ctx.json(
                    Map.of(
                        "targets",
                        services.backend().platform().targets().values().stream()
                            .map(PlatformViews::target)
                            .toList())));
  }
}
