package dev.paved.bench;

import dev.paved.cluster.connection.Backoff;
import dev.paved.cluster.connection.ClusterConnection;
import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.sandbox.NodePlan;
import dev.paved.cluster.sandbox.NodePool;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.core.render.ManifestWriter;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.Opened;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.DeployedObjects;
import dev.paved.gitops.sync.EnvironmentSyncer;
import dev.paved.gitops.sync.InMemorySyncHistory;
import dev.paved.gitops.sync.SyncLoop;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.gitops.sync.Trigger;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The scale run of issue #10, in one process against a fresh sandbox with many KWOK nodes: N
 * web-service apps merged as one change; their first sync through the real sync engine ({@link
 * EnvironmentSyncer}: namespaces, server-side apply, inventories) beside {@code kubectl apply
 * --server-side} of the same objects; the controllers and KWOK bringing every replica to Running;
 * the no-op resync with every request counted (it must write nothing); merge-to-sync-start latency
 * through the {@link SyncLoop}; then the real server process started over the same repository and
 * cluster: its start time, its first full pass, its heap and RSS.
 */
final class ScaleBenchmark {

  private static final String SPEC =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: app-%d
      team: team-%d
      path: web-service
      with: {image: 'ghcr.io/example/api:%s', port: 8080, replicas: {min: %d, max: %d}}
      """;

  /** The spec of web-service app {@code app-N} in team {@code team-(N mod 25)}. */
  static String webService(int app, String tag, int replicas) {
    return SPEC.formatted(app, app % 25, tag, replicas, replicas);
  }

  private ScaleBenchmark() {}

  static void main(String[] args) throws Exception {
    int apps = RenderBenchmark.intOption(args, "--apps", 1_000);
    int nodes = RenderBenchmark.intOption(args, "--nodes", 500);
    int replicas = RenderBenchmark.intOption(args, "--replicas", 5);
    int merges = RenderBenchmark.intOption(args, "--merges", 10);
    Optional<Path> json = RenderBenchmark.option(args, "--json").map(Path::of);
    Path data = Files.createTempDirectory("paved-scale-bench");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("apps", apps);
    r.put("nodes", nodes);
    r.put("replicasPerApp", replicas);
    Sandbox sandbox =
        new Sandbox(
            SandboxConfig.defaults()
                .withDataDir(data.resolve("sandbox"))
                .withNodes(NodePlan.defaults().withCount(NodePool.CPU, Math.max(2, nodes - 4))));
    progress("starting a sandbox with " + nodes + " nodes in " + data);
    r.put("sandboxUpSeconds", ApplyBenchmark.time(sandbox::up));
    boolean clean;
    try (KubernetesClient admin = sandbox.client()) {
      clean = run(sandbox, admin, data, apps, replicas, merges, r);
    } finally {
      sandbox.down();
    }
    finish(r, ScaleBenchmark::print, json, clean, "the no-op resync wrote to the API server");
  }

  /**
   * Names the machine in the results, prints them, writes the JSON, and exits 1 when the run broke
   * its promise ({@code failure} says which).
   */
  static void finish(
      Map<String, Object> r,
      java.util.function.Consumer<Map<String, Object>> print,
      Optional<Path> json,
      boolean kept,
      String failure)
      throws IOException {
    r.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    r.put("cpus", Runtime.getRuntime().availableProcessors());
    print.accept(r);
    if (json.isPresent()) {
      Files.writeString(json.get(), ManifestWriter.json(r));
    }
    if (!kept) {
      System.err.println("bench: FAILED: " + failure + " (see above)");
      System.exit(1);
    }
  }

  private static boolean run(
      Sandbox sandbox,
      KubernetesClient admin,
      Path data,
      int apps,
      int replicas,
      int merges,
      Map<String, Object> r)
      throws Exception {
    Path repoDir = data.resolve("platform.git");
    GitRepository repo = GitRepository.openOrCreate(repoDir);
    RepositorySeed.ensure(repo, "file://" + repoDir);
    ChangeRequests changes = new ChangeRequests(repo, "file://" + repoDir);
    progress("merging " + apps + " apps as one change");
    List<Intent> intents = new ArrayList<>();
    for (int i = 0; i < apps; i++) {
      intents.add(new Intent.PutApp(webService(i, "1.0.0", replicas), List.of("dev")));
    }
    r.put(
        "seedSeconds",
        ApplyBenchmark.time(() -> merge(changes, "Seed " + apps + " apps", intents)));
    String main = repo.resolve(GitRepository.MAIN).orElseThrow().name();
    RepoFiles files = repo.read(ObjectId.fromString(main));
    List<Deployment> deployments =
        RepoRenderer.deploymentsIn(files).stream()
            .filter(d -> d.env().equals("dev") && d.app().app().startsWith("app-"))
            .toList();
    int objects = deployments.stream().mapToInt(d -> DeployedObjects.of(files, d).size()).sum();
    r.put("objects", objects);

    Optional<Path> kubectl = Kustomize.findKubectl();
    if (kubectl.isPresent()) {
      progress("anchor: kubectl apply --server-side of the same " + objects + " objects");
      Path dir = writeForKubectl(files, deployments, data.resolve("kubectl"));
      r.put(
          "kubectlFirstSeconds",
          ApplyBenchmark.time(
              () -> ApplyBenchmark.kubectl(kubectl.get(), sandbox.kubeconfig(), dir)));
      r.put(
          "kubectlNoOpSeconds",
          ApplyBenchmark.time(
              () -> ApplyBenchmark.kubectl(kubectl.get(), sandbox.kubeconfig(), dir)));
    }

    Requests requests = new Requests();
    ClusterConnections connections =
        new ClusterConnections(
            target -> ClusterConnection.of(target, () -> requests.client(sandbox.kubeconfig())));
    EnvironmentSyncer syncer = new EnvironmentSyncer(repo, connections, new InMemorySyncHistory());
    progress("paved: first sync of " + deployments.size() + " apps");
    requests.reset();
    List<SyncRun> first = new ArrayList<>();
    r.put(
        "pavedFirstSyncSeconds",
        ApplyBenchmark.time(() -> first.addAll(syncer.sync("dev", main, Trigger.MANUAL))));
    requireSynced(first);
    r.put("pavedFirstSyncWrites", requests.writes.get());
    r.put("pavedFirstSyncRequests", requests.all.get());

    progress("waiting for " + apps * replicas + " pods to run on the KWOK nodes");
    Set<String> namespaces = namespaces(files, deployments);
    long podsStart = System.nanoTime();
    long running = awaitPods(admin, namespaces, (long) apps * replicas, Duration.ofMinutes(20));
    r.put("podsRunning", running);
    r.put("podsRunningSecondsAfterSync", (System.nanoTime() - podsStart) / 1e9);

    progress("paved: no-op resync, every request counted");
    requests.reset();
    List<SyncRun> again = new ArrayList<>();
    r.put(
        "pavedNoOpSeconds",
        ApplyBenchmark.time(() -> again.addAll(syncer.sync("dev", main, Trigger.PERIODIC))));
    requireSynced(again);
    r.put("pavedNoOpWrites", requests.writes.get());
    r.put("pavedNoOpRequests", requests.all.get());
    boolean clean = requests.writes.get() == 0;
    if (!clean) {
      System.err.println("bench: writes in the no-op resync: " + requests.written);
    }

    progress("merge-to-sync-start latency over " + merges + " merges");
    r.putAll(mergeLatency(repo, changes, syncer, merges, replicas));
    connections.close();
    repo.close();

    progress("the server process over the same repository and cluster");
    r.putAll(ServerProcess.measure(data, repoDir, sandbox.kubeconfig(), deployments.size()));
    return clean;
  }

  static void merge(ChangeRequests changes, String title, List<Intent> intents) {
    Actor actor = Actor.platformEngineer("bench");
    Opened opened = changes.open(actor, title, intents);
    MergeOutcome outcome =
        opened.autoMerge().orElseGet(() -> changes.merge(opened.change().id(), actor));
    if (!(outcome instanceof MergeOutcome.Merged)) {
      throw new IllegalStateException("the change did not merge: " + outcome);
    }
  }

  /**
   * From the moment main moved (the merge's own hook) to the moment the sync loop started syncing
   * that revision, and to the moment the changed app was applied.
   */
  private static Map<String, Object> mergeLatency(
      GitRepository repo,
      ChangeRequests changes,
      EnvironmentSyncer syncer,
      int merges,
      int replicas)
      throws Exception {
    Map<String, Instant> moved = new ConcurrentHashMap<>();
    Map<String, Instant> started = new ConcurrentHashMap<>();
    Map<String, Instant> applied = new ConcurrentHashMap<>();
    try (SyncLoop loop =
        new SyncLoop(
            repo,
            syncer,
            Duration.ofMinutes(30),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)))) {
      changes.onMerge(
          commit -> {
            moved.put(commit, Instant.now());
            loop.merged(commit);
          });
      loop.onSync(
          runs -> {
            runs.stream()
                .map(SyncRun::started)
                .min(Instant::compareTo)
                .ifPresent(at -> started.putIfAbsent(runs.get(0).revision(), at));
            runs.stream()
                .filter(run -> run.deployment().app().app().equals("app-0"))
                .forEach(
                    run -> applied.putIfAbsent(run.revision(), run.started().plus(run.took())));
          });
      loop.start("dev");
      String first = repo.resolve(GitRepository.MAIN).orElseThrow().name();
      await(() -> started.containsKey(first), Duration.ofMinutes(5));
      double[] toStart = new double[merges];
      double[] toApplied = new double[merges];
      for (int k = 0; k < merges; k++) {
        merge(
            changes,
            "app-0 1.0." + (k + 1),
            List.of(new Intent.PutApp(webService(0, "1.0." + (k + 1), replicas), List.of("dev"))));
        String commit = repo.resolve(GitRepository.MAIN).orElseThrow().name();
        await(() -> applied.containsKey(commit), Duration.ofMinutes(5));
        toStart[k] = Duration.between(moved.get(commit), started.get(commit)).toNanos() / 1e6;
        toApplied[k] = Duration.between(moved.get(commit), applied.get(commit)).toNanos() / 1e6;
      }
      Arrays.sort(toStart);
      Arrays.sort(toApplied);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("merges", merges);
      r.put("mergeToSyncStartP50Millis", toStart[merges / 2]);
      r.put("mergeToSyncStartMaxMillis", toStart[merges - 1]);
      r.put("mergeToAppAppliedP50Millis", toApplied[merges / 2]);
      r.put("mergeToAppAppliedMaxMillis", toApplied[merges - 1]);
      return r;
    }
  }

  static void requireSynced(List<SyncRun> runs) {
    List<String> failed =
        runs.stream()
            .filter(run -> run.status() != SyncRun.Status.SYNCED)
            .map(run -> run.deployment() + ": " + run.status() + " " + run.message())
            .limit(5)
            .toList();
    if (!failed.isEmpty()) {
      throw new IllegalStateException("apps did not sync: " + failed);
    }
  }

  private static Set<String> namespaces(RepoFiles files, List<Deployment> deployments) {
    return deployments.stream()
        .flatMap(d -> DeployedObjects.of(files, d).stream())
        .map(o -> String.valueOf(((Map<?, ?>) o.get("metadata")).get("namespace")))
        .filter(ns -> !ns.equals("null"))
        .collect(Collectors.toSet());
  }

  private static long awaitPods(
      KubernetesClient client, Set<String> namespaces, long expected, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    long running = 0;
    while (Instant.now().isBefore(deadline)) {
      running =
          client
              .pods()
              .inAnyNamespace()
              .withField("status.phase", "Running")
              .list()
              .getItems()
              .stream()
              .map(Pod::getMetadata)
              .filter(m -> namespaces.contains(m.getNamespace()))
              .count();
      if (running >= expected) {
        return running;
      }
      Thread.sleep(2_000);
    }
    throw new IllegalStateException(
        "only " + running + " of " + expected + " pods ran within " + timeout);
  }

  /**
   * The same objects for kubectl, in namespaces of their own ({@code k-<namespace>}, created by the
   * same run) and with the Deployments at zero replicas: the API requests are the same, and the
   * cluster runs one set of pods, Paved's.
   */
  @SuppressWarnings("unchecked")
  static Path writeForKubectl(RepoFiles files, List<Deployment> deployments, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Set<String> namespaces = new java.util.TreeSet<>();
    for (Deployment d : deployments) {
      StringBuilder yaml = new StringBuilder();
      for (Map<String, Object> object : DeployedObjects.of(files, d)) {
        Map<String, Object> copy = Serialization.jsonMapper().convertValue(object, HashMap.class);
        Map<String, Object> metadata = (Map<String, Object>) copy.get("metadata");
        Object namespace = metadata.get("namespace");
        if (namespace != null) {
          metadata.put("namespace", "k-" + namespace);
          namespaces.add("k-" + namespace);
        }
        if ("Deployment".equals(copy.get("kind"))) {
          ((Map<String, Object>) copy.get("spec")).put("replicas", 0);
        }
        yaml.append("---\n").append(Serialization.asYaml(copy).replaceFirst("^---\n", ""));
      }
      Files.writeString(dir.resolve(d.app().team() + "-" + d.app().app() + ".yaml"), yaml);
    }
    StringBuilder yaml = new StringBuilder();
    for (String namespace : namespaces) {
      yaml.append("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ")
          .append(namespace)
          .append('\n');
    }
    Files.writeString(dir.resolve("0-namespaces.yaml"), yaml);
    return dir;
  }

  /** Counts the requests a client sends, and which of them write. */
  static final class Requests {
    final AtomicLong all = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();

    void reset() {
      all.set(0);
      writes.set(0);
      written.clear();
    }

    KubernetesClient client(Path kubeconfig) {
      try {
        Config config =
            Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
        return new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(
                builder ->
                    builder.addOrReplaceInterceptor(
                        "paved-bench-count",
                        new Interceptor() {
                          @Override
                          public void before(
                              BasicBuilder b, HttpRequest request, Interceptor.RequestTags tags) {
                            all.incrementAndGet();
                            if (!request.method().equals("GET")) {
                              writes.incrementAndGet();
                              if (written.size() < 20) {
                                written.add(request.method() + " " + request.uri().getPath());
                              }
                            }
                          }
                        }))
            .build();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  static void await(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("not reached within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  static void progress(String message) {
    System.err.println("bench: " + message);
  }

  private static void print(Map<String, Object> r) {
    System.out.printf("%-58s %12s%n", "measure", "value");
    line(
        "apps / objects / nodes",
        r.get("apps") + " / " + r.get("objects") + " / " + r.get("nodes"));
    line("sandbox up (s)", r.get("sandboxUpSeconds"));
    line("seed: the apps merged as one change (s)", r.get("seedSeconds"));
    line("paved first sync (s)", r.get("pavedFirstSyncSeconds"));
    line(
        "paved first sync: requests / writes",
        r.get("pavedFirstSyncRequests") + " / " + r.get("pavedFirstSyncWrites"));
    line(
        "anchor: kubectl apply --server-side, first (s)",
        r.getOrDefault("kubectlFirstSeconds", "-"));
    line(
        "pods running / seconds after the sync",
        r.get("podsRunning") + " / " + fmt(r.get("podsRunningSecondsAfterSync")));
    line("paved no-op resync (s)", r.get("pavedNoOpSeconds"));
    line(
        "paved no-op resync: requests / writes",
        r.get("pavedNoOpRequests") + " / " + r.get("pavedNoOpWrites"));
    line(
        "anchor: kubectl apply --server-side, no-op (s)",
        r.getOrDefault("kubectlNoOpSeconds", "-"));
    line(
        "merge to sync start p50 / max (ms)",
        fmt(r.get("mergeToSyncStartP50Millis")) + " / " + fmt(r.get("mergeToSyncStartMaxMillis")));
    line(
        "merge to app applied p50 / max (ms)",
        fmt(r.get("mergeToAppAppliedP50Millis"))
            + " / "
            + fmt(r.get("mergeToAppAppliedMaxMillis")));
    line("server: start to API up (s)", r.get("serverApiUpSeconds"));
    line("server: start to every app synced (s)", r.get("serverAllSyncedSeconds"));
    line(
        "server: heap used / committed (MiB)",
        r.get("serverHeapUsedMiB") + " / " + r.get("serverHeapCommittedMiB"));
    line("server: RSS (MiB)", r.get("serverRssMiB"));
    line("server: live threads", r.get("serverThreads"));
    line("java", r.get("java"));
    line("cpus", r.get("cpus"));
  }

  private static String fmt(Object value) {
    return value instanceof Number n
        ? String.format("%.1f", n.doubleValue())
        : String.valueOf(value);
  }

  private static void line(String label, Object value) {
    System.out.printf(
        "%-58s %12s%n", label, value instanceof Double d ? String.format("%.2f", d) : value);
  }
}
