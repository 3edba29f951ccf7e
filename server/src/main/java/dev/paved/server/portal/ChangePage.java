package dev.paved.server.portal;

import dev.paved.core.cost.CostReport;
import dev.paved.core.cost.Range;
import dev.paved.core.policy.CheckReport;
import dev.paved.gitops.change.ChangeChecks;
import dev.paved.gitops.change.ChangeRequest;
import dev.paved.gitops.change.ChangeState;
import dev.paved.gitops.change.Waiting;
import dev.paved.gitops.repo.FileChange;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.server.Services;
import dev.paved.server.platform.AppViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A change request as a reviewer needs it: the spec diff, the rendered diff per environment, the
 * policy findings, the cost before and after, the approvals, the buttons the user may press, and
 * after the merge how the sync is going.
 *
 * @param split whether diffs show side by side (else unified)
 * @param rendered rendered diffs by environment ({@code catalog} for catalog entities)
 */
public record ChangePage(
    Chrome chrome,
    ChangeRequest change,
    boolean split,
    List<DiffView> specDiffs,
    Map<String, List<DiffView>> rendered,
    List<DraftPreview.FindingView> findings,
    List<CostRow> costs,
    String costDelta,
    List<String> problems,
    boolean blocking,
    Actions actions,
    List<SyncRow> sync) {

  public ChangePage {
    specDiffs = List.copyOf(specDiffs);
    rendered = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rendered));
    findings = List.copyOf(findings);
    costs = List.copyOf(costs);
    problems = List.copyOf(problems);
    sync = List.copyOf(sync);
  }

  /** A deployment's monthly cost before and after. */
  public record CostRow(String deployment, String before, String after, String delta) {}

  /** What the user may press now. */
  /**
   * The buttons the user gets: approve (not the author's own), merge (only once nothing but a merge
   * is missing), close; and what the change waits for, in words.
   */
  public record Actions(boolean approve, boolean merge, boolean close, String waiting) {}

  /** After the merge: one deployment's sync and health. */
  public record SyncRow(
      String team,
      String app,
      String env,
      String health,
      String reason,
      String revision,
      boolean current) {

    public String css() {
      return health.toLowerCase(Locale.ROOT);
    }
  }

  public String state() {
    return change.state().name().toLowerCase(Locale.ROOT);
  }

  public boolean merged() {
    return change.state() == ChangeState.MERGED;
  }

  /** Whether the sync after the merge is still going (the page then keeps refreshing it). */
  public boolean syncing() {
    return merged() && sync.stream().anyMatch(r -> !r.current() || !r.health().equals("HEALTHY"));
  }

  static ChangePage of(Chrome chrome, Services services, ChangeRequest change, boolean split) {
    ChangeChecks checks = services.backend().changes().checks(change.id());
    String user = chrome.user();
    boolean open = !change.state().finished();
    Optional<Waiting> waiting = services.backend().changes().waitingFor(change.id());
    Actions actions =
        new Actions(
            open && !change.author().equals(user) && !change.approvals().contains(user),
            waiting.filter(w -> w instanceof Waiting.Merge).isPresent(),
            open && (change.author().equals(user) || chrome.platform()),
            waiting.map(Waiting::message).orElse(""));
    return new ChangePage(
        chrome,
        change,
        split,
        specDiffs(services, change),
        rendered(checks),
        findings(checks),
        costs(checks),
        signed(checks.costDelta()),
        checks.problems().stream()
            .map(p -> p.deployment().app() + " in " + p.deployment().env() + ": " + p.message())
            .toList(),
        checks.blocking(),
        actions,
        sync(services, change, checks));
  }

  private static List<DiffView> specDiffs(Services services, ChangeRequest change) {
    var repo = services.backend().repo();
    RepoFiles base = AppViews.at(repo, change.base()).orElse(RepoFiles.empty());
    RepoFiles head = AppViews.at(repo, change.head()).orElse(RepoFiles.empty());
    TreeSet<String> paths = new TreeSet<>();
    for (RepoFiles side : List.of(base, head)) {
      side.files().keySet().stream()
          .filter(p -> p.endsWith("/" + RepoLayout.SPEC_FILE) || p.startsWith("platform/"))
          .forEach(paths::add);
    }
    List<DiffView> diffs = new ArrayList<>();
    for (String path : paths) {
      Optional<String> before = base.find(path);
      Optional<String> after = head.find(path);
      if (!Objects.equals(before, after)) {
        diffs.add(DiffView.of(new FileChange(path, before, after)));
      }
    }
    return diffs;
  }

  private static Map<String, List<DiffView>> rendered(ChangeChecks checks) {
    Map<String, List<DiffView>> byEnv = new java.util.TreeMap<>();
    for (FileChange file : checks.renderedChanges()) {
      String env = RepoLayout.deploymentOf(file.path()).map(Deployment::env).orElse("catalog");
      byEnv.computeIfAbsent(env, e -> new ArrayList<>()).add(DiffView.of(file));
    }
    return byEnv;
  }

  private static List<DraftPreview.FindingView> findings(ChangeChecks checks) {
    List<DraftPreview.FindingView> views = new ArrayList<>();
    for (CheckReport report : checks.reports()) {
      report
          .findings()
          .forEach(
              f ->
                  views.add(
                      new DraftPreview.FindingView(
                          f.severity().name().toLowerCase(Locale.ROOT),
                          f.rule(),
                          report.app() + " in " + report.environment() + ": " + f.object(),
                          f.message(),
                          f.fix(),
                          f.waiver().isPresent())));
    }
    return views;
  }

  private static List<CostRow> costs(ChangeChecks checks) {
    return checks.costs().stream()
        .map(
            c ->
                new CostRow(
                    c.deployment().app() + " in " + c.deployment().env(),
                    c.before().map(CostReport::money).orElse("—"),
                    c.after().map(CostReport::money).orElse("—"),
                    signed(c.delta())))
        .toList();
  }

  /** A delta with its sign: {@code +$1,234.00}, {@code -$12.00}, {@code $0.00}. */
  static String signed(Range delta) {
    if (delta.min() == 0 && delta.max() == 0) {
      return "$0.00";
    }
    String text = CostReport.money(new Range(Math.abs(delta.min()), Math.abs(delta.max())));
    if (delta.min() >= 0 && delta.max() >= 0) {
      return "+" + text;
    }
    if (delta.min() <= 0 && delta.max() <= 0) {
      return "-" + text;
    }
    return CostReport.money(delta.min()) + " to " + CostReport.money(delta.max());
  }

  private static List<SyncRow> sync(Services services, ChangeRequest change, ChangeChecks checks) {
    if (change.merged().isEmpty()) {
      return List.of();
    }
    String commit = change.merged().get();
    RepoFiles main = services.backend().main();
    AppViews views = new AppViews(services.backend());
    List<SyncRow> rows = new ArrayList<>();
    for (Deployment deployment : checks.affected()) {
      views.one(main, deployment.app()).stream()
          .flatMap(a -> a.envs().stream())
          .filter(e -> e.env().equals(deployment.env()))
          .forEach(
              e ->
                  rows.add(
                      new SyncRow(
                          deployment.app().team(),
                          deployment.app().app(),
                          e.env(),
                          e.health(),
                          e.reason(),
                          e.revision().map(r -> r.substring(0, 12)).orElse("not synced"),
                          e.revision().filter(r -> isAtOrAfter(services, r, commit)).isPresent())));
    }
    return rows;
  }

  /** Whether the synced revision includes the merge commit. */
  private static boolean isAtOrAfter(Services services, String synced, String merge) {
    if (synced.equals(merge)) {
      return true;
    }
    // main's log is newest first: the synced revision is newer when it comes before the merge
    List<String> log =
        services.backend().repo().log(dev.paved.gitops.repo.GitRepository.MAIN, 500).stream()
            .map(c -> c.id())
            .toList();
    int at = log.indexOf(synced);
    int merged = log.indexOf(merge);
    return at >= 0 && merged >= 0 && at < merged;
  }
}
