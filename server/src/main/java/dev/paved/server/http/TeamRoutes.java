package dev.paved.server.http;

import dev.paved.core.cost.Range;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.Team;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.server.Services;
import dev.paved.server.auth.Access;
import dev.paved.server.auth.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Teams: members (from the team files), monthly budget, and the estimated spend of main. */
public final class TeamRoutes {

  private TeamRoutes() {}

  public static void register(Routes routes, Services services) {
    routes
        .get(
            "/api/v1/teams",
            ctx -> {
              Principal principal = Authentication.principal(ctx);
              RepoFiles main = services.backend().main();
              Platform platform = services.backend().platform();
              List<Map<String, Object>> teams = new ArrayList<>();
              for (String name : teamNames(main, platform)) {
                if (Access.canRead(principal, platform, name)) {
                  teams.add(team(platform, main, name, services.costs()));
                }
              }
              ctx.json(Map.of("teams", teams));
            })
        .get(
            "/api/v1/teams/{team}",
            ctx -> {
              Principal principal = Authentication.principal(ctx);
              String name = AppRoutes.name(ctx.pathParam("team"), "team");
              Platform platform = services.backend().platform();
              if (!Access.canRead(principal, platform, name)) {
                services
                    .audit()
                    .record(principal.user(), "team.read", "team/" + name, "denied", ctx.ip(), "");
                Access.requireRead(principal, platform, name);
              }
              ctx.json(team(platform, services.backend().main(), name, services.costs()));
            });
  }

  private static Set<String> teamNames(RepoFiles main, Platform platform) {
    Set<String> names = new TreeSet<>(platform.teams().keySet());
    RepoRenderer.deploymentsIn(main).forEach(d -> names.add(d.app().team()));
    return names;
  }

  /** The team with its deployments' monthly cost on main, estimated as `paved cost` does. */
  static Map<String, Object> team(
      Platform platform, RepoFiles main, String name, dev.paved.server.platform.AppCosts costs) {
    Team team = platform.team(name);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", name);
    view.put("members", team.members());
    team.monthlyBudget().ifPresent(b -> view.put("monthlyBudget", b));
    List<Map<String, Object>> apps = new ArrayList<>();
    Range total = Range.ZERO;
    boolean complete = true;
    for (Deployment deployment : RepoRenderer.deploymentsIn(main)) {
      if (!deployment.app().team().equals(name)) {
        continue;
      }
      Optional<Range> cost = costs.monthly(platform, main, deployment);
      Map<String, Object> app = new LinkedHashMap<>();
      app.put("app", deployment.app().app());
      app.put("env", deployment.env());
      cost.ifPresent(c -> app.put("monthly", range(c)));
      app.put("costKnown", cost.isPresent());
      apps.add(app);
      total = total.plus(cost.orElse(Range.ZERO));
      complete &= cost.isPresent();
    }
    view.put("apps", apps);
    view.put("monthlySpend", range(total));
    view.put("spendComplete", complete);
    return view;
  }

  private static Map<String, Object> range(Range range) {
    return Map.of(
        "min", Math.round(range.min() * 100) / 100.0, "max", Math.round(range.max() * 100) / 100.0);
  }
}
