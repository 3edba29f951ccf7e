package dev.paved.server.portal;

import dev.paved.core.error.NotFoundException;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.platform.Platform;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.Opened;
import dev.paved.server.Services;
import dev.paved.server.auth.Principal;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.ChangeRoutes;
import dev.paved.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.TreeSet;

/** Deploying from a golden path: the gallery, the form, its live preview, and the submit. */
final class PathPages {

  private PathPages() {}

  static void register(Routes routes, Services services, Pages pages) {
    routes
        .get("/paths", ctx -> pages.render(ctx, "paths.jte", PathGallery.of(ctx, services)))
        .get("/paths/{name}", ctx -> form(ctx, services, pages))
        .post("/paths/{name}/preview", ctx -> preview(ctx, services, pages))
        .post("/paths/{name}/paved.yaml", ctx -> download(ctx, services))
        .post("/paths/{name}", ctx -> deploy(ctx, services, pages));
  }

  static GoldenPath path(Services services, String name) {
    return services.backend().platform().paths().latest().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new NotFoundException("no golden path " + name, "choose one on the Deploy page"));
  }

  private static void form(Context ctx, Services services, Pages pages) {
    GoldenPath path = path(services, ctx.pathParam("name"));
    Principal principal = Authentication.principal(ctx);
    List<String> teams = teams(principal, services.backend().platform());
    DraftForm form =
        DraftForm.empty(path, teams.isEmpty() ? "" : teams.getFirst(), List.of(firstEnv(services)));
    pages.render(ctx, "path-form.jte", PathForm.of(ctx, services, path, form, teams));
  }

  private static void preview(Context ctx, Services services, Pages pages) {
    GoldenPath path = path(services, ctx.pathParam("name"));
    DraftForm form = DraftForm.from(ctx, path);
    DraftPreview preview =
        form.untouched(path)
            ? DraftPreview.untouched()
            : DraftPreview.of(form, form.toSpec(path), services.backend().platform());
    pages.render(ctx, "preview.jte", preview);
  }

  private static void download(Context ctx, Services services) {
    GoldenPath path = path(services, ctx.pathParam("name"));
    DraftForm form = DraftForm.from(ctx, path);
    ctx.header("Content-Disposition", "attachment; filename=\"paved.yaml\"")
        .contentType("application/yaml; charset=utf-8")
        .result(form.toSpec(path).yaml().orElse(""));
  }

  private static void deploy(Context ctx, Services services, Pages pages) {
    GoldenPath path = path(services, ctx.pathParam("name"));
    Principal principal = Authentication.principal(ctx);
    DraftForm form = DraftForm.from(ctx, path);
    DraftForm.Spec spec = form.toSpec(path);
    DraftPreview preview = DraftPreview.of(form, spec, services.backend().platform());
    if (!preview.ok()) {
      ctx.status(422);
      pages.render(
          ctx,
          "path-form.jte",
          PathForm.of(ctx, services, path, form, teams(principal, services.backend().platform()))
              .withPreview(preview));
      return;
    }
    String title = "Deploy " + form.team() + "/" + form.app() + " to " + form.envs();
    Opened opened =
        ChangeRoutes.openAudited(
            ctx,
            services,
            principal,
            title,
            List.of(new Intent.PutApp(preview.yaml(), form.envs())));
    ctx.redirect("/changes/" + opened.change().id(), HttpStatus.SEE_OTHER);
  }

  /** The teams whose apps the user may change: their own; every team for platform engineers. */
  static List<String> teams(Principal principal, Platform platform) {
    TreeSet<String> teams = new TreeSet<>(principal.teams().keySet());
    platform
        .teams()
        .forEach(
            (name, team) -> {
              if (principal.platform() || team.members().contains(principal.user())) {
                teams.add(name);
              }
            });
    return List.copyOf(teams);
  }

  private static String firstEnv(Services services) {
    var envs = services.backend().environments();
    return envs.contains("dev") || envs.isEmpty() ? "dev" : envs.iterator().next();
  }
}
