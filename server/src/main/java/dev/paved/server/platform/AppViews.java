package dev.paved.server.platform;

import dev.paved.cluster.diff.Drift;
import dev.paved.cluster.health.Health;
import dev.paved.cluster.health.HealthStatus;
import dev.paved.core.error.PavedException;
import dev.paved.gitops.history.AppHistory;
import dev.paved.gitops.history.AppRevision;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.AppStatus;
import dev.paved.gitops.sync.DeployedObjects;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.gitops.sync.SyncState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/** Apps as the API shows them: per environment the revision, health, last sync and endpoint. */
public final class AppViews {

  /**
   * One app in one environment.
   *
   * @param health the objects' health; DEGRADED where they look healthy but the doctor has an error
   * @param reason why, in a sentence: the doctor's error first when it has one
   * @param problem the doctor's most severe error, with its fix
   * @param revision the main commit last synced (what the health is about)
   * @param appRevision the app's own revision in it: the newest commit that changed what it deploys
   */
  public record EnvView(
      String env,
      String health,
      String reason,
      Optional<String> revision,
      Optional<String> appRevision,
      Optional<String> syncStatus,
      Optional<Instant> syncedAt,
      Optional<String> endpoint,
      Optional<Problem> problem,
      Optional<SyncView> sync) {}

  /**
   * Whether the app's objects are what main wants: {@code Synced}, {@code OutOfSync} with the
   * drifted objects and fields, or {@code Unknown} with why.
   */
  public record SyncView(String state, String reason, List<DriftView> drift) {}

  /** One drifted object: missing, or the fields whose live value differs from main's. */
  public record DriftView(String object, boolean missing, List<FieldView> fields) {}

  /** One field: where, what main wants, what the cluster has. */
  public record FieldView(String path, String desired, String live) {}

  /** The doctor's error about an app: its code, what is wrong and how to fix it. */
  public record Problem(String code, String summary, String fix) {}

  /** One app. */
  public record AppView(String team, String app, String path, List<EnvView> envs) {}

  private final Backend backend;

  public AppViews(Backend backend) {
    this.backend = backend;
  }

  /** Every app, as computed at most {@link #SHARED_FOR} ago for the same main. */
  private record Snapshot(RepoFiles main, Instant at, List<AppView> apps) {}

  /**
   * How long one computation of every app's status serves all requests: under load many clients ask
   * at once, and each would otherwise read every app's status (and its drift, from the watch cache)
   * again. Runs recorded meanwhile do not cut it short: during a first sync of many apps a run is
   * recorded every few milliseconds, and a list recomputed for each would take the CPU the sync
   * needs (the scale run measured it: every app synced after 172 s instead of 25 s). A new main
   * does; one app's page reads that app afresh.
   */
  static final java.time.Duration SHARED_FOR = java.time.Duration.ofSeconds(1);

  private volatile Optional<Snapshot> snapshot = Optional.empty();
  private final Object computing = new Object();

  /** Every app on main with its status; one computation per second serves every caller. */
  public List<AppView> all(RepoFiles main) {
    Optional<Snapshot> known = snapshot;
    if (fresh(known, main)) {
      return known.get().apps();
    }
    synchronized (computing) {
      known = snapshot;
      if (fresh(known, main)) {
        return known.get().apps();
      }
      List<AppView> apps = List.copyOf(compute(main));
      snapshot = Optional.of(new Snapshot(main, Instant.now(), apps));
      return apps;
    }
  }

  /** Same main, and young enough. */
  private boolean fresh(Optional<Snapshot> known, RepoFiles main) {
    return known.isPresent()
        && known.get().main() == main
        && known.get().at().plus(SHARED_FOR).isAfter(Instant.now());
  }

  private List<AppView> compute(RepoFiles main) {
    Optional<Map<Deployment, SyncRun>> latest = latest();
    Map<AppKey, List<Deployment>> byApp = new LinkedHashMap<>();
    for (Deployment deployment : RepoRenderer.deploymentsIn(main)) {
      byApp.computeIfAbsent(deployment.app(), k -> new ArrayList<>()).add(deployment);
    }
    for (String path : main.files().keySet()) {
      RepoLayout.appOfSpec(path).ifPresent(key -> byApp.putIfAbsent(key, new ArrayList<>()));
    }
    List<AppView> apps = new ArrayList<>();
    byApp.forEach((key, deployments) -> apps.add(view(main, key, deployments, latest)));
    return apps;
  }

  /** Every deployment's last run in one query; empty while the database is away. */
  private Optional<Map<Deployment, SyncRun>> latest() {
    try {
      return Optional.of(backend.history().latest());
    } catch (dev.paved.core.error.EnvironmentException e) {
      return Optional.empty();
    }
  }

  /** Every app on main with its path, without status (cheap: no cluster, no database). */
  public List<AppView> specsOnly(RepoFiles main) {
    List<AppView> apps = new ArrayList<>();
    for (String file : main.files().keySet()) {
      RepoLayout.appOfSpec(file)
          .ifPresent(
              key ->
                  apps.add(
                      new AppView(
                          key.team(),
                          key.app(),
                          main.find(file).flatMap(AppViews::pathOf).orElse(""),
                          List.of())));
    }
    return apps;
  }

  public Optional<AppView> one(RepoFiles main, AppKey key) {
    if (main.find(RepoLayout.spec(key.team(), key.app())).isEmpty()) {
      return Optional.empty();
    }
    List<Deployment> deployments =
        RepoRenderer.deploymentsIn(main).stream().filter(d -> d.app().equals(key)).toList();
    return Optional.of(view(main, key, deployments, Optional.empty()));
  }

  private AppView view(
      RepoFiles main,
      AppKey key,
      List<Deployment> deployments,
      Optional<Map<Deployment, SyncRun>> latest) {
    String path =
        main.find(RepoLayout.spec(key.team(), key.app())).flatMap(AppViews::pathOf).orElse("");
    return new AppView(
        key.team(),
        key.app(),
        path,
        deployments.stream()
            .map(d -> env(main, d, latest.map(l -> Optional.ofNullable(l.get(d)))))
            .toList());
  }

  private static Optional<String> pathOf(String spec) {
    return spec.lines()
        .map(String::strip)
        .filter(l -> l.startsWith("path:"))
        .map(l -> l.substring(5).replaceAll("#.*", "").strip())
        .findFirst();
  }

  private EnvView env(
      RepoFiles main, Deployment deployment, Optional<Optional<SyncRun>> knownLast) {
    try {
      Optional<SyncRun> last =
          knownLast.isPresent() ? knownLast.get() : backend.history().last(deployment);
      return status(main, deployment, last);
    } catch (dev.paved.core.error.EnvironmentException e) {
      // the database (sync history) is away: say so, and keep showing what Git knows
      return new EnvView(
          deployment.env(),
          "UNKNOWN",
          "status unavailable: " + e.getMessage(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          endpoint(main, deployment),
          Optional.empty(),
          Optional.empty());
    }
  }

  private EnvView status(RepoFiles main, Deployment deployment, Optional<SyncRun> last) {
    Optional<String> endpoint = endpoint(main, deployment);
    if (backend.syncer().isEmpty()) {
      String reason =
          backend.mode() instanceof ClusterMode.None none ? none.reason() : "no cluster";
      if (last.isPresent()) {
        // synced before (the history is in the database); the cluster is not attached right now
        return new EnvView(
            deployment.env(),
            "UNKNOWN",
            "last synced at "
                + last.get().revision().substring(0, 12)
                + "; no cluster now: "
                + reason,
            last.map(SyncRun::revision),
            last.flatMap(r -> appRevision(deployment, r.revision())),
            last.map(r -> r.status().name()),
            last.map(r -> r.started().plus(r.took())),
            endpoint,
            Optional.empty(),
            Optional.empty());
      }
      return new EnvView(
          deployment.env(),
          "RENDERED",
          "rendered, not synced: " + reason,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          endpoint,
          Optional.empty(),
          Optional.empty());
    }
    AppStatus status = backend.syncer().get().status(deployment, last);
    Health health = status.health();
    Optional<Problem> problem = problem(deployment);
    String healthName =
        problem.isPresent() && health.status() == HealthStatus.HEALTHY
            ? HealthStatus.DEGRADED.name()
            : health.status().name();
    String reason = problem.map(p -> p.code() + ": " + p.summary()).orElse(health.message());
    Optional<String> orphaned = backend.withoutOwner(deployment);
    return new EnvView(
        deployment.env(),
        healthName,
        orphaned.map(why -> "NOT SYNCING: " + why + ". " + reason).orElse(reason),
        status.revision(),
        status.revision().flatMap(r -> appRevision(deployment, r)),
        last.map(r -> r.status().name()),
        last.map(r -> r.started().plus(r.took())),
        endpoint,
        problem,
        Optional.of(syncView(backend.syncer().get().syncState(deployment, main, false))));
  }

  /** A sync state as the API shows it. */
  public static SyncView syncView(SyncState state) {
    return switch (state) {
      case SyncState.Synced s -> new SyncView("Synced", "", List.of());
      case SyncState.Unknown u -> new SyncView("Unknown", u.reason(), List.of());
      case SyncState.OutOfSync o ->
          new SyncView(
              "OutOfSync",
              o.drifts().size() == 1
                  ? "1 object differs from main"
                  : o.drifts().size() + " objects differ from main",
              o.drifts().stream().map(AppViews::driftView).toList());
    };
  }

  private static DriftView driftView(Drift drift) {
    return switch (drift) {
      case Drift.Missing m -> new DriftView(m.ref().toString(), true, List.of());
      case Drift.Changed c ->
          new DriftView(
              c.ref().toString(),
              false,
              c.fields().stream()
                  .map(f -> new FieldView(f.path(), f.desired(), f.live()))
                  .toList());
    };
  }

  /** The doctor's error, when it watches the namespace already (the call starts it otherwise). */
  private Optional<Problem> problem(Deployment deployment) {
    try {
      return backend
          .doctorError(deployment)
          .map(f -> new Problem(f.code().name(), f.summary(), f.fix()));
    } catch (PavedException e) {
      return Optional.empty(); // an environment no target serves: its health says so
    }
  }

  /** The app's own revision in each synced main commit: a commit never changes, so kept. */
  private final Map<String, Optional<String>> appRevisions =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Optional<String> appRevision(Deployment deployment, String mainRevision) {
    String key = deployment + "@" + mainRevision;
    Optional<String> known = appRevisions.get(key);
    if (known != null) {
      return known;
    }
    Optional<String> found;
    try {
      found =
          new AppHistory(backend.repo())
              .at(deployment, ObjectId.fromString(mainRevision))
              .map(AppRevision::id);
    } catch (PavedException | IllegalArgumentException e) {
      found = Optional.empty();
    }
    if (appRevisions.size() > 50_000) {
      appRevisions.clear();
    }
    appRevisions.put(key, found);
    return found;
  }

  /** The app's revision deployed now in one environment (the one its last sync applied). */
  public Optional<String> deployedRevision(Deployment deployment) {
    try {
      return backend.history().last(deployment).flatMap(r -> appRevision(deployment, r.revision()));
    } catch (dev.paved.core.error.EnvironmentException e) {
      return Optional.empty();
    }
  }

  /** A revision as the API shows it. */
  public static Map<String, Object> revision(AppRevision revision, boolean deployed) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", revision.id());
    view.put("shortId", revision.shortId());
    view.put("time", revision.time().toString());
    view.put("author", revision.author());
    view.put("title", revision.title());
    revision.change().ifPresent(c -> view.put("change", c));
    view.put("specChanges", revision.specChanges());
    view.put("files", revision.files());
    view.put("removed", revision.removed());
    view.put("deployed", deployed && !revision.removed()); // a removal deploys nothing
    return view;
  }

  private record KnownEndpoint(java.util.SortedMap<String, String> files, Optional<String> url) {}

  private final Map<Deployment, KnownEndpoint> endpoints =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The endpoint, kept until the deployment's rendered files change. */
  private Optional<String> endpoint(RepoFiles main, Deployment deployment) {
    java.util.SortedMap<String, String> folder =
        main.under(
            RepoLayout.deployFolder(
                deployment.env(), deployment.app().team(), deployment.app().app()));
    KnownEndpoint known = endpoints.get(deployment);
    if (known != null && known.files().equals(folder)) {
      return known.url();
    }
    Optional<String> url = endpointOf(main, deployment);
    if (endpoints.size() > 50_000) {
      endpoints.clear();
    }
    endpoints.put(deployment, new KnownEndpoint(folder, url));
    return url;
  }

  /** The public HTTPS host of the app's Ingress, else its Service's in-cluster address. */
  static Optional<String> endpointOf(RepoFiles main, Deployment deployment) {
    List<Map<String, Object>> objects;
    try {
      objects = DeployedObjects.of(main, deployment);
    } catch (PavedException e) {
      return Optional.empty();
    }
    Optional<String> host =
        objects.stream()
            .filter(o -> "Ingress".equals(o.get("kind")))
            .findFirst()
            .flatMap(AppViews::ingressHost);
    if (host.isPresent()) {
      return host.map(h -> "https://" + h);
    }
    return objects.stream()
        .filter(o -> "Service".equals(o.get("kind")))
        .findFirst()
        .map(AppViews::serviceUrl);
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> ingressHost(Map<String, Object> ingress) {
    Object rules = ((Map<String, Object>) ingress.getOrDefault("spec", Map.of())).get("rules");
    if (rules instanceof List<?> list
        && !list.isEmpty()
        && list.getFirst() instanceof Map<?, ?> rule) {
      return Optional.ofNullable(rule.get("host")).map(String::valueOf);
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static String serviceUrl(Map<String, Object> service) {
    Map<String, Object> metadata = (Map<String, Object>) service.getOrDefault("metadata", Map.of());
    Map<String, Object> spec = (Map<String, Object>) service.getOrDefault("spec", Map.of());
    Object port = 80;
    if (spec.get("ports") instanceof List<?> ports
        && !ports.isEmpty()
        && ports.getFirst() instanceof Map<?, ?> first) {
      port = ((Map<String, Object>) first).getOrDefault("port", 80);
    }
    return "http://"
        + metadata.get("name")
        + "."
        + metadata.get("namespace")
        + ".svc.cluster.local"
        + (String.valueOf(port).equals("80") ? "" : ":" + port);
  }

  /** The spec text of an app on main. */
  public static Optional<String> spec(RepoFiles main, AppKey key) {
    return main.find(RepoLayout.spec(key.team(), key.app()));
  }

  /** The files of a revision, when it exists. */
  public static Optional<RepoFiles> at(GitRepository repo, String revision) {
    try {
      return Optional.of(repo.read(ObjectId.fromString(revision)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
