package dev.paved.server.portal;

import dev.paved.core.cost.CostReport;
import dev.paved.core.cost.Range;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.Team;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.DeployedObjects;
import dev.paved.server.Services;
import dev.paved.server.auth.Access;
import dev.paved.server.auth.Principal;
import dev.paved.server.http.AppRoutes;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.Routes;
import dev.paved.server.json.JsonMapping;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A team: members, budget against the month-to-date estimate, cost per app and environment (as a
 * chart and as a table), and GPUs in use by class.
 *
 * @param monthToDate what the team's apps cost so far this month, if each ran all month as now
 * @param chartJson the chart's data (Chart.js bar data), safe to put in a script element
 */
public record TeamPage(
    Chrome chrome,
    String name,
    List<String> members,
    Optional<String> budget,
    String monthly,
    String monthToDate,
    int budgetPercent,
    boolean overBudget,
    List<CostRow> costs,
    Map<String, Long> gpus,
    String chartJson) {

  public TeamPage {
    members = List.copyOf(members);
    costs = List.copyOf(costs);
    gpus = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gpus));
  }

  /** One deployment's monthly estimate. */
  public record CostRow(String app, String env, String monthly) {}

  static void register(Routes routes, Services services, Pages pages) {
    routes.get("/teams/{team}", ctx -> pages.render(ctx, "team.jte", of(ctx, services)));
  }

  static TeamPage of(Context ctx, Services services) {
    Principal principal = Authentication.principal(ctx);
    String name = AppRoutes.name(ctx.pathParam("team"), "team");
    Platform platform = services.backend().platform();
    Access.requireRead(principal, platform, name);
    Team team = platform.team(name);
    RepoFiles main = services.backend().main();
    List<CostRow> rows = new ArrayList<>();
    Map<String, Map<String, Double>> chart = new TreeMap<>();
    Map<String, Long> gpus = new TreeMap<>();
    Range total = Range.ZERO;
    for (Deployment d : RepoRenderer.deploymentsIn(main)) {
      if (!d.app().team().equals(name)) {
        continue;
      }
      Optional<Range> cost = services.costs().monthly(platform, main, d);
      rows.add(new CostRow(d.app().app(), d.env(), cost.map(CostReport::money).orElse("unknown")));
      total = total.plus(cost.orElse(Range.ZERO));
      cost.ifPresent(
          c -> chart.computeIfAbsent(d.env(), e -> new TreeMap<>()).put(d.app().app(), c.max()));
      gpuUse(services, main, d).ifPresent(g -> gpus.merge(g.product(), g.total(), Long::sum));
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    double fraction = today.getDayOfMonth() / (double) today.lengthOfMonth();
    Range soFar = total.times(fraction);
    double monthlyMax = total.max();
    Optional<Double> budget = team.monthlyBudget();
    int percent =
        budget.filter(b -> b > 0).map(b -> (int) Math.round(100 * soFar.max() / b)).orElse(0);
    return new TeamPage(
        Pages.chrome(ctx, "team:" + name, "Team " + name),
        name,
        team.members(),
        budget.map(CostReport::money),
        CostReport.money(total),
        CostReport.money(soFar),
        Math.min(percent, 100),
        budget.filter(b -> monthlyMax > b).isPresent(),
        rows,
        gpus,
        chartJson(chart));
  }

  /**
   * The GPUs a deployment holds: a service's replicas (its minimum), a Job's pods that run now in
   * the cluster (a finished Job, or one not synced, holds none).
   */
  private static Optional<Sizes.GpuUse> gpuUse(Services services, RepoFiles main, Deployment d) {
    List<Map<String, Object>> objects;
    try {
      objects = DeployedObjects.of(main, d);
    } catch (dev.paved.core.error.PavedException e) {
      return Optional.empty();
    }
    Optional<Sizes.GpuUse> use = Sizes.gpuUse(objects);
    Optional<String> job = Sizes.jobName(objects);
    if (use.isEmpty() || job.isEmpty()) {
      return use;
    }
    long running = activePods(services, d, job.get());
    return running == 0
        ? Optional.empty()
        : Optional.of(new Sizes.GpuUse(use.get().perReplica(), use.get().product(), running));
  }

  private static long activePods(Services services, Deployment d, String job) {
    try {
      return services
          .backend()
          .placement(d)
          .flatMap(
              p ->
                  Optional.ofNullable(
                      p.client()
                          .batch()
                          .v1()
                          .jobs()
                          .inNamespace(p.namespace())
                          .withName(job)
                          .get()))
          .map(
              j ->
                  j.getStatus() == null
                      ? 0
                      : Optional.ofNullable(j.getStatus().getActive()).orElse(0))
          .orElse(0);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException
        | dev.paved.core.error.PavedException e) {
      return 0; // the cluster cannot say: nothing is shown as in use
    }
  }

  /** Apps on the x axis, one stacked series per environment. */
  private static String chartJson(Map<String, Map<String, Double>> byEnv) {
    TreeSet<String> apps = new TreeSet<>();
    byEnv.values().forEach(m -> apps.addAll(m.keySet()));
    List<String> palette = List.of("#0b5cad", "#d4a72c", "#116329", "#a40e26", "#6639ba");
    List<Map<String, Object>> datasets = new ArrayList<>();
    int i = 0;
    for (var entry : byEnv.entrySet()) {
      Map<String, Object> set = new LinkedHashMap<>();
      set.put("label", entry.getKey());
      set.put("data", apps.stream().map(a -> entry.getValue().getOrDefault(a, 0.0)).toList());
      set.put("backgroundColor", palette.get(i++ % palette.size()));
      datasets.add(set);
    }
    String json =
        JsonMapping.MAPPER
            .valueToTree(Map.of("labels", List.copyOf(apps), "datasets", datasets))
            .toString();
    return json.replace("<", "\\u003c");
  }
}
