package dev.paved.server.portal;

import dev.paved.cluster.doctor.Finding;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.NotFoundException;
import dev.paved.core.error.PavedException;
import dev.paved.core.spec.SpecPatch;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.server.Services;
import dev.paved.server.auth.Principal;
import dev.paved.server.http.AppRoutes;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.ChangeRoutes;
import dev.paved.server.http.LogRoutes;
import dev.paved.server.http.Routes;
import dev.paved.server.platform.AppViews;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;

/** The app page, its live parts (status, logs) and its buttons (apply a fix, roll back). */
final class AppPages {

  private AppPages() {}

  static void register(Routes routes, Services services, Pages pages) {
    AppViews views = new AppViews(services.backend());
    routes
        .get("/apps/{team}/{app}", ctx -> pages.render(ctx, "app.jte", page(ctx, services, views)))
        .get(
            "/apps/{team}/{app}/status",
            ctx -> {
              AppPage page = page(ctx, services, views);
              String env = CatalogPage.param(ctx, "env");
              AppPage.EnvSection section =
                  page.envs().stream()
                      .filter(e -> e.env().equals(env))
                      .findFirst()
                      .orElseThrow(
                          () ->
                              new NotFoundException(
                                  page.app() + " is not deployed to " + env, "reload the page"));
              pages.render(
                  ctx, "parts/app-live.jte", java.util.Map.of("page", page, "env", section));
            })
        .get("/apps/{team}/{app}/logs", ctx -> logs(ctx, services))
        .post("/apps/{team}/{app}/fix", ctx -> fix(ctx, services, views))
        .post("/apps/{team}/{app}/rollback", ctx -> rollback(ctx, services))
        .post("/apps/{team}/{app}/sync", ctx -> sync(ctx, services));
  }

  private static AppPage page(Context ctx, Services services, AppViews views) {
    AppKey key = AppRoutes.key(ctx, services);
    AppViews.AppView view =
        views
            .one(services.backend().main(), key)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no app " + key + " on main", "find your apps on the Apps page"));
    return AppPage.of(Pages.chrome(ctx, "apps", key.toString()), services, key, view, paging(ctx));
  }

  /** {@code ?env=prod&page=2}: the page of one environment's revisions to show. */
  private static Optional<AppPage.Paging> paging(Context ctx) {
    String env = ctx.queryParam("env");
    String page = ctx.queryParam("page");
    if (env == null || page == null || !page.matches("[1-9][0-9]{0,3}")) {
      return Optional.empty();
    }
    return Optional.of(
        new AppPage.Paging(AppRoutes.name(env, "environment"), Integer.parseInt(page)));
  }

  private static void logs(Context ctx, Services services) {
    AppKey key = AppRoutes.key(ctx, services);
    String env = AppRoutes.name(CatalogPage.param(ctx, "env"), "environment");
    String text;
    try {
      text = LogRoutes.recent(services, key, env, 100);
    } catch (PavedException e) {
      text = "# " + e.getMessage() + " — " + e.hint();
    }
    ctx.contentType("text/plain; charset=utf-8").result(text);
  }

  /**
   * Opens a change with the fix of one current finding. The patch is taken from the doctor now, not
   * from the form, so a stale page cannot propose a fix the doctor no longer gives.
   */
  private static void fix(Context ctx, Services services, AppViews views)
      throws InterruptedException {
    AppKey key = AppRoutes.key(ctx, services);
    Principal principal = Authentication.principal(ctx);
    String env =
        AppRoutes.name(Optional.ofNullable(ctx.formParam("env")).orElse(""), "environment");
    String code = Optional.ofNullable(ctx.formParam("code")).orElse("");
    String object = Optional.ofNullable(ctx.formParam("object")).orElse("");
    Deployment deployment = new Deployment(env, key);
    Finding finding =
        services.backend().findings(deployment).findings().stream()
            .filter(f -> f.code().name().equals(code) && f.object().equals(object))
            .filter(f -> f.specPatch().isPresent())
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "the doctor no longer reports " + code + " on " + object,
                        "reload the app page to see the current findings"));
    RepoFiles main = services.backend().main();
    String spec =
        AppViews.spec(main, key)
            .orElseThrow(() -> new NotFoundException("no app " + key + " on main", ""));
    List<String> envs =
        views
            .one(main, key)
            .map(a -> a.envs().stream().map(e -> e.env()).toList())
            .orElse(List.of());
    String patched =
        SpecPatch.apply(
            spec,
            finding.specPatch().orElseThrow(),
            envs.size() > 1 ? Optional.of(env) : Optional.empty());
    String title = "Fix " + code + " of " + key + " in " + env;
    Opened opened =
        ChangeRoutes.openAudited(
            ctx, services, principal, title, List.of(new Intent.PutApp(patched, List.of(env))));
    ctx.redirect("/changes/" + opened.change().id(), HttpStatus.SEE_OTHER);
  }

  /** Syncs the app in one environment to main now, then back to its page. */
  private static void sync(Context ctx, Services services) {
    AppKey key = AppRoutes.key(ctx, services);
    String env =
        AppRoutes.name(Optional.ofNullable(ctx.formParam("env")).orElse(""), "environment");
    AppRoutes.syncAudited(ctx, services, Authentication.principal(ctx), new Deployment(env, key));
    ctx.redirect("/apps/" + key.team() + "/" + key.app() + "#env-" + env, HttpStatus.SEE_OTHER);
  }

  private static void rollback(Context ctx, Services services) {
    AppKey key = AppRoutes.key(ctx, services);
    Principal principal = Authentication.principal(ctx);
    String env =
        AppRoutes.name(Optional.ofNullable(ctx.formParam("env")).orElse(""), "environment");
    Opened opened =
        AppRoutes.openRollback(
            ctx,
            services,
            principal,
            new Deployment(env, key),
            Optional.ofNullable(ctx.formParam("revision")).orElse(""));
    ctx.redirect("/changes/" + opened.change().id(), HttpStatus.SEE_OTHER);
  }
}
