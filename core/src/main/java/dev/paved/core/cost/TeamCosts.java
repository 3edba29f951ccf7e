package dev.paved.core.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Monthly totals per team over many apps, with each team's budget when it has one.
 *
 * @param teams the teams, by name
 */
public record TeamCosts(List<Team> teams) {

  /** One team's apps and total. */
  public record Team(String name, List<CostEstimate> apps, Optional<Double> budget) {

    /** The total, empty when any app's cost is unknown. */
    public Optional<Range> total() {
      Range sum = Range.ZERO;
      for (CostEstimate app : apps) {
        if (app.total().isEmpty()) {
          return Optional.empty();
        }
        sum = sum.plus(app.total().get());
      }
      return Optional.of(sum);
    }

    /** Whether the team may spend more than its budget (at max replicas). */
    public boolean overBudget() {
      return budget.isPresent() && total().map(t -> t.max() > budget.get()).orElse(false);
    }
  }

  public static TeamCosts of(
      List<CostEstimate> estimates, Map<String, String> teamOfApp, Map<String, Double> budgets) {
    Map<String, List<CostEstimate>> byTeam = new TreeMap<>();
    for (CostEstimate estimate : estimates) {
      byTeam.computeIfAbsent(teamOfApp.get(estimate.app()), t -> new ArrayList<>()).add(estimate);
    }
    List<Team> teams = new ArrayList<>();
    byTeam.forEach(
        (team, apps) -> teams.add(new Team(team, apps, Optional.ofNullable(budgets.get(team)))));
    return new TeamCosts(teams);
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    for (Team team : teams) {
      out.append(String.format(Locale.ROOT, "team %s%n", team.name()));
      for (CostEstimate app : team.apps()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %-36s %28s%n",
                app.app() + " (" + app.environment() + ", " + app.target() + ")",
                app.total().map(CostReport::money).orElse("unknown")));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "  %-36s %28s%n",
              "total",
              team.total().map(CostReport::money).orElse("unknown")));
      team.budget()
          .ifPresent(
              b ->
                  out.append(
                      String.format(
                          Locale.ROOT,
                          "  %-36s %28s%s%n",
                          "budget",
                          CostReport.money(b),
                          team.overBudget() ? "   OVER BUDGET at max replicas" : "")));
    }
    return out.toString();
  }

  public Map<String, Object> json() {
    List<Object> list = new ArrayList<>();
    for (Team team : teams) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("team", team.name());
      item.put("apps", team.apps().stream().map(CostReport::json).toList());
      item.put(
          "total",
          team.total().map(t -> Map.of("min", round(t.min()), "max", round(t.max()))).orElse(null));
      item.put("budget", team.budget().orElse(null));
      item.put("overBudget", team.overBudget());
      list.add(item);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("teams", list);
    return json;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
