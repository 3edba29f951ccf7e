package dev.paved.server.portal;

import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.cluster.doctor.Finding;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.PavedException;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.gitops.history.AppHistory;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.DeployedObjects;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.server.Services;
import dev.paved.server.platform.AppViews;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One app: per environment its health and reason, endpoint, size, the doctor's findings with their
 * fixes, sync history with rollback, and the spec and manifests for the curious.
 */
public record AppPage(
    Chrome chrome, String team, String app, String path, String spec, List<EnvSection> envs) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

  public AppPage {
    envs = List.copyOf(envs);
  }

  /** The app in one environment. */
  public record EnvSection(
      String env,
      String health,
      String reason,
      String revision,
      String synced,
      String endpoint,
      String curl,
      String replicas,
      String gpus,
      List<FindingView> findings,
      String findingsNote,
      List<HistoryRow> history,
      Revisions revisions,
      Optional<AppViews.SyncView> sync,
      String manifests) {

    public EnvSection {
      findings = List.copyOf(findings);
      history = List.copyOf(history);
    }

    public String css() {
      return health.toLowerCase(Locale.ROOT);
    }
  }

  /** One doctor finding; {@code patch} is the spec change its button proposes. */
  public record FindingView(
      String code,
      String severity,
      String object,
      String summary,
      List<String> evidence,
      String fix,
      Optional<String> patch) {

    public String css() {
      return severity.equals("error") ? "error" : severity.equals("warning") ? "warning" : "info";
    }
  }

  /** A page of the app's own revisions in one environment, newest first. */
  public record Revisions(List<RevisionRow> rows, int page, boolean more) {
    public Revisions {
      rows = List.copyOf(rows);
    }
  }

  /** One revision: what changed it, and whether it is the one deployed now. */
  public record RevisionRow(
      String revision,
      String shortRevision,
      String when,
      String author,
      String title,
      List<String> specChanges,
      boolean deployed) {
    public RevisionRow {
      specChanges = List.copyOf(specChanges);
    }
  }

  /** One sync run. */
  public record HistoryRow(
      String revision,
      String shortRevision,
      String when,
      String trigger,
      String status,
      String message,
      boolean current) {}

  static AppPage of(
      Chrome chrome,
      Services services,
      AppKey key,
      AppViews.AppView view,
      Optional<Paging> paging) {
    RepoFiles main = services.backend().main();
    List<EnvSection> envs = new ArrayList<>();
    for (AppViews.EnvView env : view.envs()) {
      int page = paging.filter(p -> p.env().equals(env.env())).map(Paging::page).orElse(1);
      envs.add(section(services, main, new Deployment(env.env(), key), env, view.path(), page));
    }
    return new AppPage(
        chrome, key.team(), key.app(), view.path(), AppViews.spec(main, key).orElse(""), envs);
  }

  /** Which page of one environment's revisions to show (the others show their first). */
  public record Paging(String env, int page) {}

  private static final int REVISIONS_PER_PAGE = 10;

  private static EnvSection section(
      Services services,
      RepoFiles main,
      Deployment deployment,
      AppViews.EnvView env,
      String path,
      int page) {
    List<Map<String, Object>> objects = objects(main, deployment);
    List<HistoryRow> history = history(services, deployment, env.revision());
    Revisions revisions = revisions(services, deployment, env.appRevision(), page);
    Optional<Diagnosis> diagnosis = Optional.empty();
    String note = "";
    try {
      diagnosis = Optional.of(services.backend().findings(deployment));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      note = "the doctor was interrupted";
    } catch (PavedException | io.fabric8.kubernetes.client.KubernetesClientException e) {
      note = "the doctor cannot look now: " + e.getMessage();
    }
    String endpoint = env.endpoint().orElse("");
    return new EnvSection(
        env.env(),
        env.health(),
        env.reason(),
        env.appRevision().or(env::revision).map(r -> r.substring(0, 12)).orElse("not synced"),
        env.syncedAt().map(TIME::format).orElse(""),
        endpoint,
        path.startsWith("llm-inference") && !endpoint.isEmpty() ? curl(endpoint, objects) : "",
        Sizes.replicas(objects),
        Sizes.gpus(objects),
        diagnosis.map(d -> d.findings().stream().map(AppPage::finding).toList()).orElse(List.of()),
        note,
        history,
        revisions,
        env.sync(),
        ManifestWriter.yaml(objects.stream().map(o -> new RenderedObject("", o)).toList()));
  }

  private static List<Map<String, Object>> objects(RepoFiles main, Deployment deployment) {
    try {
      return DeployedObjects.of(main, deployment);
    } catch (PavedException e) {
      return List.of();
    }
  }

  private static Revisions revisions(
      Services services, Deployment deployment, Optional<String> deployed, int page) {
    AppHistory.Page found =
        new AppHistory(services.backend().repo()).page(deployment, page, REVISIONS_PER_PAGE);
    return new Revisions(
        found.revisions().stream()
            .map(
                r ->
                    new RevisionRow(
                        r.id(),
                        r.shortId(),
                        TIME.format(r.time()),
                        r.author(),
                        r.title(),
                        r.specChanges(),
                        !r.removed() && deployed.filter(r.id()::equals).isPresent()))
            .toList(),
        found.page(),
        found.more());
  }

  /**
   * The sync runs that did something (a periodic check that found nothing to change is left out):
   * what the syncs applied, healed or could not.
   */
  private static List<HistoryRow> history(
      Services services, Deployment deployment, Optional<String> current) {
    List<SyncRun> runs;
    try {
      runs = services.backend().history().runs(deployment);
    } catch (EnvironmentException e) {
      return List.of();
    }
    return runs.stream()
        .filter(r -> !quiet(r))
        .limit(20)
        .map(
            r ->
                new HistoryRow(
                    r.revision(),
                    r.revision().substring(0, 12),
                    TIME.format(r.started()),
                    r.trigger().name().toLowerCase(Locale.ROOT),
                    r.status().name().toLowerCase(Locale.ROOT),
                    r.message(),
                    current.filter(r.revision()::equals).isPresent()))
        .toList();
  }

  private static boolean quiet(SyncRun run) {
    return run.trigger() == dev.paved.gitops.sync.Trigger.PERIODIC
        && run.status() == SyncRun.Status.SYNCED
        && run.objects().stream().allMatch(o -> o.outcome() == SyncRun.Outcome.UNCHANGED);
  }

  static FindingView finding(Finding f) {
    return new FindingView(
        f.code().name(),
        f.severity().name().toLowerCase(Locale.ROOT),
        f.object(),
        f.summary(),
        f.evidence(),
        f.fix(),
        f.specPatch().map(AppPage::patchText));
  }

  private static String patchText(Map<String, Object> patch) {
    return ManifestWriter.json(patch);
  }

  /**
   * A request to the OpenAI-compatible endpoint, with the model name the server was started with.
   */
  private static String curl(String endpoint, List<Map<String, Object>> objects) {
    String model = Sizes.argument(objects, "--served-model-name=").orElse("MODEL");
    return "curl "
        + endpoint
        + "/v1/chat/completions \\\n"
        + "  -H \"Authorization: Bearer $VLLM_API_KEY\" -H 'Content-Type: application/json' \\\n"
        + "  -d '{\"model\": \""
        + model
        + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello!\"}]}'";
  }
}
