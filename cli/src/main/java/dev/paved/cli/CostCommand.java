package dev.paved.cli;

import dev.paved.core.cost.CostDelta;
import dev.paved.core.cost.CostEstimate;
import dev.paved.core.cost.CostEstimator;
import dev.paved.core.cost.CostReport;
import dev.paved.core.cost.TeamCosts;
import dev.paved.core.render.ManifestWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paved cost}: the monthly estimate of a spec, or the change from a baseline spec. */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description = {
      "Estimate the monthly cost of a paved.yaml from the target's list prices.",
      "",
      "GPU pods are priced per",
      "GPU-hour of their class, CPU pods per vCPU-hour and GiB-hour, volumes per GiB-month; services",
      "at min and max replicas, jobs at expected and worst-case hours. With --baseline, show the",
      "change from another spec per object, like a pull-request comment. A missing price makes the",
      "cost 'unknown' with the reason, never zero."
    },
    footer = {"", "Example:", "  paved cost -f paved.yaml --baseline paved.old.yaml --env prod"})
final class CostCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin RenderOptions options;

  @Option(
      names = "--baseline",
      paramLabel = "OLD",
      description = "The spec before the change; prints before, after and delta per object.")
  Path baseline;

  @Mixin ReportFormat format;

  @Option(
      names = "--apps",
      paramLabel = "DIR",
      description =
          "Every paved.yaml under DIR (e.g. the GitOps repo's apps/): per-app totals and team"
              + " totals against the teams' budgets.")
  Path apps;

  @Override
  public Integer call() {
    format.requireTextOrJson("cost");
    if (apps != null) {
      return teams();
    }
    RenderOptions.Rendered after = options.render();
    CostEstimator estimator = new CostEstimator(after.target());
    CostEstimate estimate = estimator.estimate(after.app());
    PrintWriter out = spec.commandLine().getOut();
    if (baseline == null) {
      out.print(
          format.json()
              ? ManifestWriter.json(CostReport.json(estimate))
              : CostReport.text(estimate));
    } else {
      CostDelta delta = new CostDelta(estimator.estimate(options.render(baseline).app()), estimate);
      out.print(
          format.json() ? ManifestWriter.json(CostReport.json(delta)) : CostReport.text(delta));
    }
    out.flush();
    return 0;
  }

  private int teams() {
    java.util.List<CostEstimate> estimates = new java.util.ArrayList<>();
    java.util.Map<String, String> teamOfApp = new java.util.HashMap<>();
    java.util.Map<String, Double> budgets = new java.util.HashMap<>();
    for (Path file : SpecFiles.find(apps)) {
      RenderOptions.Rendered rendered = options.render(file);
      estimates.add(new CostEstimator(rendered.target()).estimate(rendered.app()));
      teamOfApp.put(rendered.app().app(), rendered.app().team());
      rendered
          .platform()
          .team(rendered.app().team())
          .monthlyBudget()
          .ifPresent(b -> budgets.put(rendered.app().team(), b));
    }
    TeamCosts costs = TeamCosts.of(estimates, teamOfApp, budgets);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.json() ? ManifestWriter.json(costs.json()) : costs.text());
    out.flush();
    return 0;
  }
}
