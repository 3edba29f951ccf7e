package dev.paved.server.portal;

import dev.paved.core.cost.CostReport;
import dev.paved.core.cost.Range;
import dev.paved.core.platform.Platform;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.server.Services;
import dev.paved.server.auth.Access;
import dev.paved.server.auth.Principal;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.Routes;
import dev.paved.server.platform.AppViews;
import dev.paved.server.platform.AppViews.AppView;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The catalog: every app the user may see, filtered by team, environment, path, health and name,
 * fifty to a page.
 */
public record CatalogPage(
    Chrome chrome,
    Filter filter,
    List<String> teams,
    List<String> envs,
    List<String> paths,
    List<Row> rows,
    int matching,
    int page,
    int pages) {

  static final int PAGE_SIZE = 50;

  /** The health words a user can filter by. */
  public static final List<String> HEALTHS =
      List.of("HEALTHY", "PROGRESSING", "DEGRADED", "MISSING", "UNKNOWN", "RENDERED");

  public CatalogPage {
    teams = List.copyOf(teams);
    envs = List.copyOf(envs);
    paths = List.copyOf(paths);
    rows = List.copyOf(rows);
  }

  /** What the user asked for; blank means any. */
  public record Filter(String q, String team, String env, String path, String health) {

    /** A query string for another page of the same filter. */
    public String query(int page) {
      return "?q=%s&team=%s&env=%s&path=%s&health=%s&page=%d"
          .formatted(enc(q), enc(team), enc(env), enc(path), enc(health), page);
    }

    private static String enc(String value) {
      return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** One app. */
  public record Row(
      String team, String app, String path, List<Cell> envs, String endpoint, String monthly) {}

  /** Its health in one environment. */
  public record Cell(String env, String health, String reason) {

    public String css() {
      return health.toLowerCase(Locale.ROOT);
    }
  }

  static void register(Routes routes, Services services, Pages pages) {
    AppViews views = new AppViews(services.backend());
    routes.get("/", ctx -> ctx.redirect("/apps"));
    routes.get("/apps", ctx -> pages.render(ctx, "catalog.jte", of(ctx, services, views)));
  }

  static CatalogPage of(Context ctx, Services services, AppViews views) {
    Principal principal = Authentication.principal(ctx);
    Filter filter =
        new Filter(
            param(ctx, "q").toLowerCase(Locale.ROOT),
            param(ctx, "team"),
            param(ctx, "env"),
            param(ctx, "path"),
            param(ctx, "health").toUpperCase(Locale.ROOT));
    RepoFiles main = services.backend().main();
    Platform platform = services.backend().platform();
    List<AppView> visible =
        views.all(main).stream()
            .filter(a -> Access.canRead(principal, platform, a.team()))
            .toList();
    List<AppView> matching = visible.stream().filter(matches(filter)).toList();
    int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = Math.min(pages, Math.max(1, number(param(ctx, "page"))));
    List<Row> rows =
        matching.stream()
            .skip((long) (page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
            .map(a -> row(a, services, platform, main))
            .toList();
    return new CatalogPage(
        Pages.chrome(ctx, "apps", "Apps"),
        filter,
        sorted(visible.stream().map(AppView::team).toList()),
        sorted(services.backend().environments()),
        sorted(platform.paths().latest().stream().map(p -> p.name()).toList()),
        rows,
        matching.size(),
        page,
        pages);
  }

  private static Predicate<AppView> matches(Filter filter) {
    return a ->
        (filter.q().isEmpty() || a.app().contains(filter.q()) || a.team().contains(filter.q()))
            && (filter.team().isEmpty() || a.team().equals(filter.team()))
            && (filter.path().isEmpty() || a.path().startsWith(filter.path()))
            && (filter.env().isEmpty()
                || a.envs().stream().anyMatch(e -> e.env().equals(filter.env())))
            && (filter.health().isEmpty()
                || a.envs().stream()
                    .filter(e -> filter.env().isEmpty() || e.env().equals(filter.env()))
                    .anyMatch(e -> e.health().equals(filter.health())));
  }

  private static Row row(AppView app, Services services, Platform platform, RepoFiles main) {
    Range total = Range.ZERO;
    boolean known = !app.envs().isEmpty();
    for (AppViews.EnvView env : app.envs()) {
      Optional<Range> cost =
          services
              .costs()
              .monthly(
                  platform, main, new Deployment(env.env(), new AppKey(app.team(), app.app())));
      total = total.plus(cost.orElse(Range.ZERO));
      known &= cost.isPresent();
    }
    return new Row(
        app.team(),
        app.app(),
        app.path(),
        app.envs().stream().map(e -> new Cell(e.env(), e.health(), e.reason())).toList(),
        app.envs().stream()
            .flatMap(e -> e.endpoint().stream())
            .reduce((first, later) -> later)
            .orElse(""),
        known ? CostReport.money(total) + "/mo" : app.envs().isEmpty() ? "—" : "unknown");
  }

  private static List<String> sorted(java.util.Collection<String> values) {
    return List.copyOf(new TreeSet<>(values));
  }

  static String param(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).orElse("");
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
