package dev.paved.gitops.change;

import dev.paved.core.cost.Range;
import dev.paved.core.policy.CheckReport;
import dev.paved.gitops.render.RenderProblem;
import dev.paved.gitops.repo.FileChange;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.List;
import java.util.Optional;

/**
 * What Paved computed for a change: the rendered files it changes, the policy findings and the
 * monthly cost before and after of every deployment it touches, and the deployments it breaks.
 *
 * @param affected deployments whose rendered files change (added, changed or removed)
 * @param renderedChanges the changed generated files (manifests, Applications, catalog entities)
 * @param reports policy findings of each affected deployment after the change
 * @param costs monthly cost before → after per affected deployment
 * @param problems deployments that no longer render
 */
public record ChangeChecks(
    List<Deployment> affected,
    List<FileChange> renderedChanges,
    List<CheckReport> reports,
    List<CostChange> costs,
    List<RenderProblem> problems) {

  public ChangeChecks {
    affected = List.copyOf(affected);
    renderedChanges = List.copyOf(renderedChanges);
    reports = List.copyOf(reports);
    costs = List.copyOf(costs);
    problems = List.copyOf(problems);
  }

  /** A deployment's monthly cost before and after (empty: not deployed on that side). */
  public record CostChange(Deployment deployment, Optional<Range> before, Optional<Range> after) {

    public Range delta() {
      return after.orElse(Range.ZERO).minus(before.orElse(Range.ZERO));
    }
  }

  /** Whether anything forbids the merge: a render problem or a blocking policy finding. */
  public boolean blocking() {
    return !problems.isEmpty() || reports.stream().anyMatch(CheckReport::blocked);
  }

  /**
   * Why the change cannot merge as it stands, in a sentence: the first deployment it breaks, else
   * the first blocking finding and how many there are; empty when nothing blocks it.
   */
  public Optional<String> blockedBecause() {
    if (!problems.isEmpty()) {
      RenderProblem first = problems.getFirst();
      return Optional.of(first.deployment() + " does not render: " + first.message());
    }
    List<String> blocking =
        reports.stream()
            .flatMap(
                r ->
                    r.findings().stream()
                        .filter(dev.paved.core.policy.Finding::blocks)
                        .map(
                            f ->
                                r.app()
                                    + " in "
                                    + r.environment()
                                    + ": "
                                    + f.rule()
                                    + " "
                                    + f.object()
                                    + ": "
                                    + f.message()))
            .toList();
    if (blocking.isEmpty()) {
      return Optional.empty();
    }
    String more = blocking.size() == 1 ? "" : " (and " + (blocking.size() - 1) + " more)";
    return Optional.of("blocking finding: " + blocking.getFirst() + more);
  }

  /** The total monthly delta of the change. */
  public Range costDelta() {
    return costs.stream().map(CostChange::delta).reduce(Range.ZERO, Range::plus);
  }
}
