package dev.paved.server.http;

import dev.paved.core.cost.Range;
import dev.paved.core.policy.CheckReport;
import dev.paved.gitops.change.ChangeChecks;
import dev.paved.gitops.change.ChangeRequest;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Change requests, their checks and merge outcomes as the API shows them. */
final class ChangeViews {

  private ChangeViews() {}

  static Map<String, Object> change(ChangeRequest change) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", change.id());
    view.put("title", change.title());
    view.put("author", change.author());
    view.put("state", change.state().name().toLowerCase(Locale.ROOT));
    view.put("base", change.base());
    view.put("head", change.head());
    view.put("envs", change.envs());
    view.put("approvals", change.approvals());
    view.put("opened", change.opened().toString());
    change.merged().ifPresent(m -> view.put("merged", m));
    change.blocked().ifPresent(b -> view.put("blocked", b));
    view.put("intents", change.intents().stream().map(Intent::toMap).toList());
    return view;
  }

  /**
   * A change with its checks, the merge when it merged at once, and what it waits for: the answer
   * to opening one (a deploy, a rollback, a platform file).
   */
  static Map<String, Object> opened(Opened opened, ChangeRequests changes) {
    Map<String, Object> view = new LinkedHashMap<>(change(opened.change()));
    view.put("checks", checks(opened.checks()));
    opened.autoMerge().ifPresent(o -> view.put("autoMerge", outcome(o)));
    waiting(view, changes, opened.change().id());
    return view;
  }

  /** Adds what an open change waits for: {@code waitingFor} (a sentence) and {@code waitingOn}. */
  static void waiting(Map<String, Object> view, ChangeRequests changes, String id) {
    changes
        .waitingFor(id)
        .ifPresent(
            w -> {
              view.put("waitingFor", w.message());
              view.put("waitingOn", w.kind());
            });
  }

  static Map<String, Object> checks(ChangeChecks checks) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("blocking", checks.blocking());
    view.put("affected", checks.affected().stream().map(ChangeViews::deployment).toList());
    view.put(
        "renderedChanges",
        checks.renderedChanges().stream()
            .map(c -> Map.of("path", c.path(), "kind", c.kind(), "diff", c.unifiedDiff()))
            .toList());
    List<Map<String, Object>> findings = new ArrayList<>();
    for (CheckReport report : checks.reports()) {
      report
          .findings()
          .forEach(
              f -> {
                Map<String, Object> finding = new LinkedHashMap<>();
                finding.put("app", report.app());
                finding.put("env", report.environment());
                finding.put("rule", f.rule());
                finding.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
                finding.put("object", f.object());
                finding.put("message", f.message());
                finding.put("fix", f.fix());
                finding.put("waived", f.waiver().isPresent());
                findings.add(finding);
              });
    }
    view.put("findings", findings);
    view.put(
        "costs",
        checks.costs().stream()
            .map(
                c -> {
                  Map<String, Object> cost = new LinkedHashMap<>(deployment(c.deployment()));
                  c.before().ifPresent(b -> cost.put("before", range(b)));
                  c.after().ifPresent(a -> cost.put("after", range(a)));
                  cost.put("delta", range(c.delta()));
                  return cost;
                })
            .toList());
    view.put("costDelta", range(checks.costDelta()));
    view.put(
        "problems",
        checks.problems().stream()
            .map(
                p -> {
                  Map<String, Object> problem = new LinkedHashMap<>(deployment(p.deployment()));
                  problem.put("message", p.message());
                  return problem;
                })
            .toList());
    return view;
  }

  static Map<String, Object> outcome(MergeOutcome outcome) {
    return switch (outcome) {
      case MergeOutcome.Merged merged -> Map.of("merged", true, "commit", merged.commit());
      case MergeOutcome.Refused refused ->
          Map.of(
              "merged",
              false,
              "reason",
              refused.reason(),
              "files",
              refused.files(),
              "retryable",
              refused.retryable());
    };
  }

  static Map<String, Object> deployment(Deployment deployment) {
    return Map.of(
        "team", deployment.app().team(), "app", deployment.app().app(), "env", deployment.env());
  }

  private static Map<String, Object> range(Range range) {
    return Map.of("min", round(range.min()), "max", round(range.max()));
  }

  private static double round(double dollars) {
    return Math.round(dollars * 100) / 100.0;
  }
}
