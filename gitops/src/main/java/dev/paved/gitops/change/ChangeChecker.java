package dev.paved.gitops.change;

import dev.paved.core.cost.CostEstimator;
import dev.paved.core.platform.Platform;
import dev.paved.core.policy.CheckReport;
import dev.paved.core.policy.Manifest;
import dev.paved.core.policy.PolicyChecker;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.gitops.render.RenderedRepo;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.FileChange;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Computes {@link ChangeChecks} from the renders before and after a change. */
final class ChangeChecker {

  private ChangeChecker() {}

  static ChangeChecks check(
      RepoRenderer renderer, RepoFiles beforeFiles, RenderedRepo after, RepoFiles afterIntent) {
    RepoFiles beforeGenerated = RepoRenderer.generatedPart(beforeFiles);
    List<FileChange> changes = after.files().changesSince(beforeGenerated);
    Set<Deployment> affected = new TreeSet<>(java.util.Comparator.comparing(Deployment::toString));
    for (FileChange change : changes) {
      RepoLayout.deploymentOf(change.path()).ifPresent(affected::add);
    }
    after.problems().forEach(p -> affected.add(p.deployment()));
    Platform platformAfter = renderer.platforms().of(afterIntent);
    Platform platformBefore = renderer.platforms().of(RepoRenderer.intentPart(beforeFiles));
    RenderedRepo before =
        renderer.render(
            RepoRenderer.intentPart(beforeFiles), RepoRenderer.deploymentsIn(beforeFiles));
    List<CheckReport> reports = new ArrayList<>();
    List<ChangeChecks.CostChange> costs = new ArrayList<>();
    for (Deployment deployment : affected) {
      Optional<RenderedApp> now = Optional.ofNullable(after.apps().get(deployment));
      Optional<RenderedApp> was = Optional.ofNullable(before.apps().get(deployment));
      now.ifPresent(
          app ->
              reports.add(policy(platformAfter, app, otherApps(platformAfter, after, deployment))));
      costs.add(
          new ChangeChecks.CostChange(
              deployment,
              was.flatMap(app -> cost(platformBefore, app)),
              now.flatMap(app -> cost(platformAfter, app))));
    }
    return new ChangeChecks(List.copyOf(affected), changes, reports, costs, after.problems());
  }

  private static CheckReport policy(Platform platform, RenderedApp app, double otherApps) {
    var team = platform.team(app.team());
    return new PolicyChecker(platform.policies(), Clock.systemUTC())
        .check(
            app,
            platform.requireTarget(app.target()),
            new Manifest.Budget(team.monthlyBudget(), otherApps));
  }

  /** The most the team's other deployments of the repository cost a month (for the budget). */
  private static double otherApps(Platform platform, RenderedRepo repo, Deployment deployment) {
    return repo.apps().entrySet().stream()
        .filter(e -> !e.getKey().equals(deployment))
        .filter(e -> e.getKey().app().team().equals(deployment.app().team()))
        .map(e -> cost(platform, e.getValue()))
        .flatMap(Optional::stream)
        .mapToDouble(dev.paved.core.cost.Range::max)
        .sum();
  }

  private static Optional<dev.paved.core.cost.Range> cost(Platform platform, RenderedApp app) {
    return new CostEstimator(platform.requireTarget(app.target())).estimate(app).total();
  }
}
