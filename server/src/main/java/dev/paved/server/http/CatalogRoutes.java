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
                            .map(
                                t ->
                                    dev.paved.server.platform.TargetStatus.of(t, services.backend())
                                        .view())
                            .toList())))
        .get("/api/v1/shards", ctx -> ctx.json(shards(services)));
  }

  /**
   * Who syncs what when several replicas share the work: every shard, its lease holder, whether
   * that holder is live, and the apps without a live owner.
   */
  private static Map<String, Object> shards(Services services) {
    var backend = services.backend();
    if (backend.leases().isEmpty()) {
      return Map.of("replicated", false, "shards", java.util.List.of());
    }
    var leases = backend.leases().get();
    var owners = leases.owners();
    java.time.Instant now = java.time.Instant.now();
    java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (String shard : leases.shards()) {
      var holder = java.util.Optional.ofNullable(owners.holders().get(shard));
      Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("shard", shard);
      row.put("holder", holder.map(h -> h.identity()).orElse(""));
      row.put("renewed", holder.flatMap(h -> h.renewed()).map(Object::toString).orElse(""));
      row.put("live", owners.withoutOwner(shard, now).isEmpty());
      row.put("problem", owners.withoutOwner(shard, now).orElse(""));
      rows.add(row);
    }
    java.util.List<Map<String, String>> orphans = new java.util.ArrayList<>();
    for (var deployment : dev.paved.gitops.render.RepoRenderer.deploymentsIn(backend.main())) {
      backend
          .withoutOwner(deployment)
          .ifPresent(
              why ->
                  orphans.add(
                      Map.of(
                          "team", deployment.app().team(),
                          "app", deployment.app().app(),
                          "env", deployment.env(),
                          "problem", why)));
    }
    Map<String, Object> view = new java.util.LinkedHashMap<>();
    view.put("replicated", true);
    view.put("replica", leases.identity());
    view.put("owned", leases.owned());
    view.put("shards", rows);
    view.put("appsWithoutOwner", orphans);
    return view;
  }
}
