package dev.paved.server;

import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxBinaries;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.cluster.sandbox.SandboxLayout;
import dev.paved.cluster.sandbox.UpResult;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.PavedException;
import dev.paved.gitops.change.SandboxTargets;
import dev.paved.server.auth.PlatformRole;
import dev.paved.server.auth.Principal;
import dev.paved.server.auth.TokenStore;
import dev.paved.server.config.ServerSettings;
import dev.paved.server.db.Database;
import dev.paved.server.platform.Backend;
import dev.paved.server.platform.ClusterMode;
import dev.paved.server.platform.Mirroring;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Starts the whole platform in order — database, repository, API — and then the cluster: the
 * sandbox is started (its binaries built first when missing) in the background while the API
 * already answers; apps say "rendered, not synced" with the reason until it is up.
 */
public final class Launch implements AutoCloseable {

  public static final String ADMIN = "admin";

  private final ServerSettings settings;
  private final Database database;
  private final Backend backend;
  private final PavedServer server;
  private final Services services;
  private final Optional<TokenStore.Issued> adminToken;
  private final AtomicReference<Sandbox> sandbox = new AtomicReference<>();
  private final Thread clusterStarter;
  private final Optional<Mirroring> mirroring;

  private Launch(
      ServerSettings settings,
      Database database,
      Backend backend,
      PavedServer server,
      Optional<TokenStore.Issued> adminToken,
      Optional<Mirroring> mirroring,
      Services services,
      Consumer<String> progress) {
    this.mirroring = mirroring;
    this.services = services;
    this.settings = settings;
    this.database = database;
    this.backend = backend;
    this.server = server;
    this.adminToken = adminToken;
    this.clusterStarter =
        settings.cluster() == dev.paved.server.config.ClusterKind.SANDBOX
            ? Thread.ofVirtual().name("paved-sandbox-start").start(() -> startSandbox(progress))
            : Thread.ofVirtual().unstarted(() -> {});
  }

  public static Launch start(ServerSettings settings, Consumer<String> progress) {
    createDataDir(settings.dataDir());
    progress.accept("database: " + settings.database().shown());
    Database database = Database.open(settings.database());
    try {
      progress.accept("platform repository: " + settings.repository());
      Backend backend =
          Backend.start(
              settings.repository(),
              // what Argo CD fetches: the mirror when there is one, else this disk's repository
              settings
                  .remote()
                  .map(ServerSettings.GitRemote::url)
                  .orElse("file://" + settings.repository().toAbsolutePath()),
              initialMode(settings),
              database,
              settings.ha(),
              settings.syncParallelism());
      Optional<Mirroring> mirroring =
          settings
              .remote()
              .map(
                  remote -> {
                    progress.accept("mirroring the repository to " + remote.url());
                    return Mirroring.start(backend, remote, java.time.Duration.ofSeconds(15));
                  });
      Services services = Services.over(database, backend, Clock.systemUTC());
      Optional<TokenStore.Issued> admin = ensureAdmin(services);
      PavedServer server =
          PavedServer.start(settings.host(), settings.port(), services, settings.oidc());
      progress.accept("API: " + server.url() + "/api/v1 (OpenAPI at /api/openapi.json)");
      ServerSettings bound = withPort(settings, server.port());
      return new Launch(bound, database, backend, server, admin, mirroring, services, progress);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static ServerSettings withPort(ServerSettings s, int port) {
    return new ServerSettings(
        s.dataDir(),
        s.host(),
        port,
        s.database(),
        s.repository(),
        s.sandboxDir(),
        s.cluster(),
        s.kubeconfig(),
        s.context(),
        s.oidc(),
        s.ha(),
        s.remote(),
        s.syncParallelism(),
        s.sandboxes());
  }

  private static ClusterMode initialMode(ServerSettings settings) {
    return switch (settings.cluster()) {
      case NONE -> new ClusterMode.None("the server runs without a cluster (--no-cluster)");
      case IN_CLUSTER -> new ClusterMode.InCluster();
      case KUBECONFIG ->
          new ClusterMode.Kubeconfig(
              settings
                  .kubeconfig()
                  .orElse(Path.of(System.getProperty("user.home"), ".kube", "config")),
              settings.context());
      case SANDBOX -> new ClusterMode.None("the sandbox is starting; apps sync once it is up");
    };
  }

  /** The first start creates the platform-engineer user {@value #ADMIN} and its token. */
  private static Optional<TokenStore.Issued> ensureAdmin(Services services) {
    boolean created =
        services
            .users()
            .create(new Principal(ADMIN, "Administrator", PlatformRole.PLATFORM, Map.of()));
    if (!created) {
      return Optional.empty(); // an earlier start, or another replica starting now, made it
    }
    services.audit().record("paved", "user.create", "user/" + ADMIN, "ok", "local", "first start");
    return Optional.of(services.tokens().issue(ADMIN, "first start"));
  }

  /**
   * Starts the sandboxes ({@code clusters}: one per target), makes main's target files name them
   * when there are several, then syncs to them all.
   */
  private void startSandbox(Consumer<String> progress) {
    try {
      SandboxConfig config = SandboxConfig.defaults().withDataDir(settings.sandboxDir());
      if (!binariesPresent(config.binaries())) {
        backend.waiting("the sandbox's binaries are being built (first start, about 7 minutes)");
        build(progress);
      }
      List<SandboxTargets.Planned> plan = SandboxTargets.plan(settings.sandboxes());
      List<Path> kubeconfigs = new java.util.ArrayList<>();
      for (SandboxTargets.Planned planned : plan) {
        Sandbox started = startOne(sandboxConfig(config, planned), planned, progress);
        kubeconfigs.add(started.kubeconfig());
        if (planned.name().equals(SandboxLayout.DEFAULT_NAME)) {
          sandbox.set(started);
        }
      }
      if (plan.size() > 1) {
        backend
            .ensureSandboxTargets(plan)
            .ifPresent(
                commit ->
                    progress.accept(
                        "platform: main names a sandbox per target now (commit "
                            + commit.name().substring(0, 12)
                            + "): "
                            + String.join(
                                ", ",
                                plan.stream()
                                    .map(
                                        p ->
                                            p.name() + " for " + String.join("+", p.environments()))
                                    .toList())));
      }
      backend.attach(new ClusterMode.Kubeconfig(kubeconfigs, Optional.empty()));
    } catch (PavedException e) {
      backend.waiting("the sandbox did not start: " + e.oneLine());
      progress.accept("sandbox: did not start: " + e.oneLine());
    } catch (RuntimeException e) {
      backend.waiting("the sandbox did not start: " + e.getMessage());
      progress.accept("sandbox: did not start: " + e);
    }
  }

  /** The default sandbox in the sandbox dir; the others beside it, under {@code sandboxes/}. */
  private SandboxConfig sandboxConfig(SandboxConfig config, SandboxTargets.Planned planned) {
    SandboxConfig named =
        planned.name().equals(SandboxLayout.DEFAULT_NAME)
            ? config
            : new SandboxConfig(
                new SandboxLayout(
                    settings.sandboxDir().resolveSibling("sandboxes").resolve(planned.name()),
                    planned.name()),
                config.binaries(),
                config.nodes(),
                config.startTimeout());
    return named.withNodes(config.nodes().withProfile(planned.profile()));
  }

  private static Sandbox startOne(
      SandboxConfig config, SandboxTargets.Planned planned, Consumer<String> progress) {
    String name =
        planned.name().equals(SandboxLayout.DEFAULT_NAME) ? "sandbox" : "sandbox " + planned.name();
    progress.accept(
        name + ": starting etcd, kube-apiserver, controller-manager, scheduler and KWOK");
    Sandbox started = new Sandbox(config);
    UpResult result = started.up();
    progress.accept(
        name
            + ": "
            + (result instanceof UpResult.Started ? "started" : "already running")
            + "; kubeconfig "
            + started.kubeconfig()
            + " (context "
            + config.layout().context()
            + ")");
    return started;
  }

  private static boolean binariesPresent(SandboxBinaries binaries) {
    try {
      binaries.requireAll();
      return true;
    } catch (PavedException e) {
      return false;
    }
  }

  /**
   * Runs {@code sandbox/build.sh} of the Paved checkout ({@code PAVED_HOME}), its output as
   * progress.
   */
  private static void build(Consumer<String> progress) {
    Path script =
        Path.of(Optional.ofNullable(System.getenv("PAVED_HOME")).orElse("."))
            .resolve("sandbox")
            .resolve("build.sh");
    if (!Files.isRegularFile(script)) {
      throw new EnvironmentException(
          "the sandbox binaries are missing and there is no " + script + " to build them",
          "run ./paved up from the Paved checkout, or build them with sandbox/build.sh",
          false,
          null);
    }
    progress.accept(
        "sandbox: building the binaries with "
            + script
            + " (first start; about 7 minutes on 2 cores)");
    try {
      Process process =
          new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(line -> progress.accept("sandbox build: " + line));
      }
      if (process.waitFor() != 0) {
        throw new EnvironmentException(
            "sandbox/build.sh failed",
            "read its output above; it needs Go 1.26+ and the Go module proxy",
            false,
            null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentException("the sandbox build was interrupted", "start again", true, e);
    }
  }

  private static void createDataDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot create the data directory " + dir + ": " + e.getMessage(),
          "choose another with --data-dir",
          false,
          e);
    }
  }

  public ServerSettings settings() {
    return settings;
  }

  public PavedServer server() {
    return server;
  }

  public Backend backend() {
    return backend;
  }

  /** The server's users, tokens, audit log and the rest (tests add people through it). */
  public Services services() {
    return services;
  }

  /** The admin token, on the first start only. */
  public Optional<TokenStore.Issued> adminToken() {
    return adminToken;
  }

  /** Waits until the sandbox started or failed (for tests and {@code up --wait}). */
  public void awaitCluster() throws InterruptedException {
    clusterStarter.join();
  }

  /**
   * Stops in the safe order: no new requests (in-flight ones finish), then the sync loop (running
   * syncs finish), then the database; the sandbox keeps running, as after {@code paved sandbox up}.
   */
  @Override
  public void close() {
    server.close();
    clusterStarter.interrupt();
    mirroring.ifPresent(Mirroring::close);
    backend.close();
    database.close();
  }
}
