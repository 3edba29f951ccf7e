package dev.paved.server.http;

import dev.paved.core.error.NotFoundException;
import dev.paved.core.error.UsageException;
import dev.paved.core.platform.Platform;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.history.AppHistory;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.server.Services;
import dev.paved.server.auth.Access;
import dev.paved.server.auth.Principal;
import dev.paved.server.platform.AppViews;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Apps: list, one with its spec and status per environment, sync history, rollback. */
public final class AppRoutes {

  /** {@code POST …/rollback} body. */
  public record Rollback(String env, String revision) {}

  /** Team, app and environment names: DNS labels, so never a path. */
  static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private AppRoutes() {}

  public static void register(Routes routes, Services services) {
    AppViews views = new AppViews(services.backend());
    routes
        .get("/api/v1/apps", ctx -> list(ctx, services, views))
        .get("/api/v1/apps/{team}/{app}", ctx -> show(ctx, services, views))
        .get("/api/v1/apps/{team}/{app}/history", ctx -> history(ctx, services))
        .get("/api/v1/apps/{team}/{app}/revisions", ctx -> revisions(ctx, services, views))
        .get("/api/v1/apps/{team}/{app}/diff", ctx -> diff(ctx, services))
        .post("/api/v1/apps/{team}/{app}/sync", ctx -> sync(ctx, services))
        .get("/api/v1/apps/{team}/{app}/findings", ctx -> findings(ctx, services))
        .post("/api/v1/apps/{team}/{app}/rollback", ctx -> rollback(ctx, services));
  }

  private static void list(Context ctx, Services services, AppViews views) {
    Principal principal = Authentication.principal(ctx);
    Platform platform = services.backend().platform();
    Optional<String> team = Optional.ofNullable(ctx.queryParam("team")).filter(t -> !t.isBlank());
    Optional<String> env = Optional.ofNullable(ctx.queryParam("env")).filter(e -> !e.isBlank());
    List<AppViews.AppView> apps =
        views.all(services.backend().main()).stream()
            .filter(a -> Access.canRead(principal, platform, a.team()))
            .filter(a -> team.map(a.team()::equals).orElse(true))
            .filter(
                a -> env.map(e -> a.envs().stream().anyMatch(v -> v.env().equals(e))).orElse(true))
            .toList();
    ctx.json(Map.of("apps", apps));
  }

  public static AppKey key(Context ctx, Services services) {
    String team = name(ctx.pathParam("team"), "team");
    String app = name(ctx.pathParam("app"), "app");
    Principal principal = Authentication.principal(ctx);
    if (!Access.canRead(principal, services.backend().platform(), team)) {
      services
          .audit()
          .record(
              principal.user(),
              "app.read",
              team + "/" + app,
              "denied",
              ctx.ip(),
              "not a member of " + team);
      Access.requireRead(principal, services.backend().platform(), team);
    }
    return new AppKey(team, app);
  }

  public static String name(String value, String what) {
    if (!NAME.matcher(value).matches()) {
      throw new UsageException(
          "'" + value + "' is not a valid " + what + " name",
          "names are lower-case DNS labels: letters, digits and '-'");
    }
    return value;
  }

  private static void show(Context ctx, Services services, AppViews views) {
    AppKey key = key(ctx, services);
    RepoFiles main = services.backend().main();
    AppViews.AppView app = views.one(main, key).orElseThrow(() -> missing(key));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("team", app.team());
    view.put("app", app.app());
    view.put("path", app.path());
    view.put("spec", AppViews.spec(main, key).orElse(""));
    view.put("envs", app.envs());
    ctx.json(view);
  }

  private static void history(Context ctx, Services services) {
    AppKey key = key(ctx, services);
    String env = name(Optional.ofNullable(ctx.queryParam("env")).orElse("dev"), "environment");
    List<SyncRun> runs = services.backend().history().runs(new Deployment(env, key));
    ctx.json(Map.of("runs", runs.stream().limit(50).map(AppRoutes::runView).toList()));
  }

  /**
   * The app's own revisions in one environment (the main commits that changed what it deploys),
   * newest first, a page at a time, the one deployed now marked.
   */
  private static void revisions(Context ctx, Services services, AppViews views) {
    AppKey key = key(ctx, services);
    String env = name(Optional.ofNullable(ctx.queryParam("env")).orElse("dev"), "environment");
    int page = positive(ctx.queryParam("page"), 1, 10_000, "page");
    int size = positive(ctx.queryParam("size"), 20, 100, "size");
    Deployment deployment = new Deployment(env, key);
    AppHistory.Page revisions =
        new AppHistory(services.backend().repo()).page(deployment, page, size);
    Optional<String> deployed = views.deployedRevision(deployment);
    ctx.json(
        Map.of(
            "revisions",
            revisions.revisions().stream()
                .map(r -> AppViews.revision(r, deployed.filter(r.id()::equals).isPresent()))
                .toList(),
            "page",
            revisions.page(),
            "more",
            revisions.more()));
  }

  /**
   * The live diff of the app in one environment: main's objects against the cluster, Paved's fields
   * only, normalised; read without writing from the watch cache, or from the API server with {@code
   * refresh=true}.
   */
  private static void diff(Context ctx, Services services) {
    AppKey key = key(ctx, services);
    String env = name(Optional.ofNullable(ctx.queryParam("env")).orElse("dev"), "environment");
    boolean fresh = "true".equals(ctx.queryParam("refresh"));
    Deployment deployment = new Deployment(env, key);
    RepoFiles main = services.backend().main();
    if (!dev.paved.gitops.render.RepoRenderer.deploymentsIn(main).contains(deployment)) {
      throw new NotFoundException(
          key + " is not deployed to " + env, "paved apps lists where it is");
    }
    var syncer =
        services
            .backend()
            .syncer()
            .orElseThrow(
                () ->
                    new dev.paved.core.error.EnvironmentException(
                        "the server has no cluster, so there is nothing to compare with",
                        "start it with a cluster",
                        false,
                        null));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("env", env);
    view.put("sync", AppViews.syncView(syncer.syncState(deployment, main, fresh)));
    ctx.json(view);
  }

  /**
   * Syncs the app in one environment to main now, also where the environment does not sync by
   * itself; for the team's members and platform engineers (others: 403, audited).
   */
  private static void sync(Context ctx, Services services) {
    AppKey key = key(ctx, services);
    Sync body = Bodies.read(ctx, Sync.class);
    String env = name(Optional.ofNullable(body.env()).orElse(""), "environment");
    ctx.json(
        runView(
            syncAudited(ctx, services, Authentication.principal(ctx), new Deployment(env, key))));
  }

  /**
   * Syncs one deployment to main now as the user, audited (a refusal as denied); the API and the
   * portal both do.
   *
   * @throws NotFoundException when the app is not deployed there
   */
  public static SyncRun syncAudited(
      Context ctx, Services services, Principal principal, Deployment deployment) {
    RepoFiles main = services.backend().main();
    if (!dev.paved.gitops.render.RepoRenderer.deploymentsIn(main).contains(deployment)) {
      throw new NotFoundException(
          deployment.app() + " is not deployed to " + deployment.env(),
          "paved apps lists where it is");
    }
    return ChangeRoutes.audited(
        ctx,
        services,
        principal,
        "app.sync",
        deployment.toString(),
        () -> {
          Access.requireWrite(principal, services.backend().platform(), deployment.app().team());
          String revision =
              services
                  .backend()
                  .repo()
                  .resolve(dev.paved.gitops.repo.GitRepository.MAIN)
                  .orElseThrow()
                  .name();
          return services
              .backend()
              .syncer()
              .orElseThrow(
                  () ->
                      new dev.paved.core.error.EnvironmentException(
                          "the server has no cluster to sync to",
                          "start it with a cluster",
                          false,
                          null))
              .syncNow(deployment, revision, dev.paved.gitops.sync.Trigger.MANUAL);
        });
  }

  /** {@code POST …/sync} body. */
  public record Sync(String env) {}

  private static Map<String, Object> runView(SyncRun r) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("revision", r.revision());
    view.put("trigger", r.trigger().name().toLowerCase(java.util.Locale.ROOT));
    view.put("started", r.started().toString());
    view.put("tookMillis", r.took().toMillis());
    view.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
    view.put("message", r.message());
    view.put("objects", r.objects());
    return view;
  }

  private static int positive(String value, int otherwise, int max, String what) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= 1 && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new UsageException(what + " must be 1 to " + max, "for example " + what + "=2");
  }

  /** The doctor's findings (docs/doctor.md): the same JSON as {@code paved doctor -o json}. */
  private static void findings(Context ctx, Services services) throws InterruptedException {
    AppKey key = key(ctx, services);
    String env = name(Optional.ofNullable(ctx.queryParam("env")).orElse("dev"), "environment");
    ctx.contentType("application/json")
        .result(services.backend().findings(new Deployment(env, key)).toJson());
  }

  private static void rollback(Context ctx, Services services) {
    AppKey key = key(ctx, services);
    Principal principal = Authentication.principal(ctx);
    Rollback body = Bodies.read(ctx, Rollback.class);
    String env = name(Optional.ofNullable(body.env()).orElse(""), "environment");
    Opened opened =
        openRollback(
            ctx,
            services,
            principal,
            new Deployment(env, key),
            Optional.ofNullable(body.revision()).orElse(""));
    ChangeRoutes.announce(services, services.backend().changes().require(opened.change().id()));
    ctx.status(201).json(ChangeViews.opened(opened, services.backend().changes()));
  }

  /**
   * Opens the change that restores a deployment to a revision, audited, and tells its teams; the
   * API and the portal both do.
   */
  public static Opened openRollback(
      Context ctx, Services services, Principal principal, Deployment deployment, String revision) {
    String commit = services.backend().repo().requireCommit(revision).name();
    Opened opened =
        ChangeRoutes.audited(
            ctx,
            services,
            principal,
            "app.rollback",
            deployment.app() + " in " + deployment.env() + " to " + commit,
            () ->
                services.backend().changes().rollback(Access.actor(principal), deployment, commit));
    ChangeRoutes.announce(services, services.backend().changes().require(opened.change().id()));
    return opened;
  }

  private static NotFoundException missing(AppKey key) {
    return new NotFoundException(
        "no app " + key + " on main", "list the apps with GET /api/v1/apps");
  }
}
