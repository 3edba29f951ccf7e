package dev.paved.bench;

import dev.paved.cluster.connection.ClusterConnection;
import dev.paved.cluster.connection.ClusterConnections;
import dev.paved.cluster.sandbox.CloudProfile;
import dev.paved.cluster.sandbox.ComponentStatus;
import dev.paved.cluster.sandbox.NodePlan;
import dev.paved.cluster.sandbox.NodePool;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxComponent;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.RepositorySeed;
import dev.paved.gitops.change.SandboxTargets;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.EnvironmentSyncer;
import dev.paved.gitops.sync.InMemorySyncHistory;
import dev.paved.gitops.sync.SyncRun;
import dev.paved.gitops.sync.Trigger;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Two clusters as two targets (issue #19): two sandboxes (GKE-like for dev, EKS-like for staging),
 * the same apps deployed to both environments, synced through one {@link EnvironmentSyncer} whose
 * connections are one per cluster. Measures the first sync and the no-op resync of both at once (as
 * the server's loop runs them, one environment per thread) beside the no-op resync of one alone and
 * beside {@code kubectl apply --server-side} to both at once; then kills the second cluster's API
 * server and measures the first's resync while the second is down, counts what was written
 * (nothing) and what is left on the second after it comes back (everything).
 */
final class ClustersBenchmark {

  private ClustersBenchmark() {}

  /** One cluster, the environment synced to it, and the requests its client sends. */
  private record Side(
      String env, String target, Sandbox sandbox, ScaleBenchmark.Requests requests) {}

  static void main(String[] args) throws Exception {
    int apps = RenderBenchmark.intOption(args, "--apps", 500);
    Optional<Path> json = RenderBenchmark.option(args, "--json").map(Path::of);
    Path data = Files.createTempDirectory("paved-clusters-bench");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("apps", apps);
    NodePlan nodes = new NodePlan(Map.of(NodePool.CPU, 20), CloudProfile.GKE);
    Side a =
        new Side(
            "dev",
            "sandbox",
            new Sandbox(
                SandboxConfig.defaults()
                    .named("bench-gke")
                    .withDataDir(data.resolve("gke"))
                    .withNodes(nodes)),
            new ScaleBenchmark.Requests());
    Side b =
        new Side(
            "staging",
            "sandbox-staging",
            new Sandbox(
                SandboxConfig.defaults()
                    .named("bench-eks")
                    .withDataDir(data.resolve("eks"))
                    .withNodes(nodes.withProfile(CloudProfile.EKS))),
            new ScaleBenchmark.Requests());
    boolean kept;
    try {
      ScaleBenchmark.progress("starting two sandboxes (GKE-like, EKS-like) in " + data);
      r.put(
          "sandboxesUpSeconds",
          ApplyBenchmark.time(() -> both(() -> a.sandbox().up(), () -> b.sandbox().up())));
      kept = run(data, apps, a, b, r);
    } finally {
      a.sandbox().down();
      b.sandbox().down();
    }
    ScaleBenchmark.finish(
        r,
        ClustersBenchmark::print,
        json,
        kept,
        "a no-op resync wrote, or the second cluster lost objects while it was down");
  }

  private static boolean run(Path data, int apps, Side a, Side b, Map<String, Object> r)
      throws Exception {
    Path repoDir = data.resolve("platform.git");
    String url = "file://" + repoDir;
    GitRepository repo = GitRepository.openOrCreate(repoDir);
    RepositorySeed.ensure(repo, url);
    RepositorySeed.ensureTargets(repo, url, SandboxTargets.plan(3));
    ChangeRequests changes = new ChangeRequests(repo, url);
    ScaleBenchmark.progress("merging " + apps + " apps to dev and staging as one change");
    List<Intent> intents = new ArrayList<>();
    for (int i = 0; i < apps; i++) {
      intents.add(
          new Intent.PutApp(ScaleBenchmark.webService(i, "1.0.0", 1), List.of("dev", "staging")));
    }
    ScaleBenchmark.merge(changes, "Seed " + apps + " apps", intents);
    String main = repo.resolve(GitRepository.MAIN).orElseThrow().name();
    RepoFiles files = repo.read(ObjectId.fromString(main));
    List<Deployment> dev = deployments(files, a.env());
    List<Deployment> staging = deployments(files, b.env());
    r.put("objectsPerCluster", dev.stream().mapToInt(d -> objects(files, d)).sum());

    Optional<Path> kubectl = Kustomize.findKubectl();
    if (kubectl.isPresent()) {
      ScaleBenchmark.progress("anchor: kubectl apply --server-side to both clusters at once");
      Path toA = ScaleBenchmark.writeForKubectl(files, dev, data.resolve("kubectl-a"));
      Path toB = ScaleBenchmark.writeForKubectl(files, staging, data.resolve("kubectl-b"));
      Runnable applyBoth =
          () ->
              both(
                  () -> ApplyBenchmark.kubectl(kubectl.get(), a.sandbox().kubeconfig(), toA),
                  () -> ApplyBenchmark.kubectl(kubectl.get(), b.sandbox().kubeconfig(), toB));
      r.put("kubectlFirstSeconds", ApplyBenchmark.time(applyBoth));
      r.put("kubectlNoOpSeconds", ApplyBenchmark.time(applyBoth));
    }

    try (ClusterConnections connections =
        new ClusterConnections(
            target ->
                ClusterConnection.of(
                    target,
                    () -> {
                      Side side = target.equals(b.target()) ? b : a;
                      return side.requests().client(side.sandbox().kubeconfig());
                    }))) {
      EnvironmentSyncer syncer =
          new EnvironmentSyncer(repo, connections, new InMemorySyncHistory());
      ScaleBenchmark.progress("paved: first sync of both environments at once");
      Map<String, List<SyncRun>> first = new LinkedHashMap<>();
      r.put(
          "pavedFirstSeconds",
          ApplyBenchmark.time(() -> first.putAll(syncBoth(syncer, main, a, b))));
      first.values().forEach(runs -> requireAll(runs, dev.size()));
      r.put("pavedFirstEach", String.format("%.2f / %.2f", TOOK.get(a.env()), TOOK.get(b.env())));
      r.put("pavedFirstWrites", a.requests().writes.get() + b.requests().writes.get());

      ScaleBenchmark.progress("paved: no-op resync of one cluster alone");
      reset(a, b);
      r.put(
          "pavedNoOpOneSeconds",
          ApplyBenchmark.time(
              () -> ScaleBenchmark.requireSynced(syncer.sync(a.env(), main, Trigger.PERIODIC))));
      ScaleBenchmark.progress("paved: no-op resync of both at once");
      reset(a, b);
      Map<String, List<SyncRun>> again = new LinkedHashMap<>();
      r.put(
          "pavedNoOpBothSeconds",
          ApplyBenchmark.time(() -> again.putAll(syncBoth(syncer, main, a, b))));
      again.values().forEach(runs -> requireAll(runs, dev.size()));
      long noOpWrites = a.requests().writes.get() + b.requests().writes.get();
      r.put("pavedNoOpWrites", noOpWrites);

      ScaleBenchmark.progress("killing the second cluster's API server");
      ProcessHandle.of(apiserverPid(b.sandbox())).ifPresent(ProcessHandle::destroyForcibly);
      reset(a, b);
      Map<String, List<SyncRun>> down = new LinkedHashMap<>();
      r.put(
          "pavedOneDownSeconds",
          ApplyBenchmark.time(() -> down.putAll(syncBoth(syncer, main, a, b))));
      requireAll(down.get(a.env()), dev.size());
      r.put("downFirstSeconds", TOOK.get(a.env()));
      r.put("downSecondSeconds", TOOK.get(b.env()));
      r.put(
          "downSecondSynced",
          down.get(b.env()).stream().filter(run -> run.status() == SyncRun.Status.SYNCED).count());
      r.put("downFirstWrites", a.requests().writes.get());

      ScaleBenchmark.progress("the second cluster back");
      r.put("secondBackSeconds", ApplyBenchmark.time(b.sandbox()::up));
      reset(a, b);
      List<SyncRun> back = new ArrayList<>();
      r.put(
          "pavedAfterBackSeconds",
          ApplyBenchmark.time(() -> back.addAll(syncer.sync(b.env(), main, Trigger.PERIODIC))));
      ScaleBenchmark.requireSynced(back);
      long left;
      try (KubernetesClient admin = b.sandbox().client()) {
        left =
            admin.apps().deployments().inAnyNamespace().list().getItems().stream()
                .map(d -> d.getMetadata().getNamespace())
                .filter(ns -> ns.endsWith("-staging") && !ns.startsWith("k-")) // not kubectl's
                .count();
      }
      r.put("secondDeploymentsLeft", left);
      repo.close();
      return noOpWrites == 0 && left == staging.size();
    }
  }

  /** Seconds each environment's sync took in the last {@link #syncBoth}, by environment. */
  private static final Map<String, Double> TOOK = new java.util.concurrent.ConcurrentHashMap<>();

  private static Map<String, List<SyncRun>> syncBoth(
      EnvironmentSyncer syncer, String main, Side a, Side b) {
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, CompletableFuture<List<SyncRun>>> runs = new LinkedHashMap<>();
      for (Side side : List.of(a, b)) {
        runs.put(
            side.env(),
            CompletableFuture.supplyAsync(
                    () -> {
                      long start = System.nanoTime();
                      try {
                        return syncer.sync(side.env(), main, Trigger.PERIODIC);
                      } finally {
                        TOOK.put(side.env(), (System.nanoTime() - start) / 1e9);
                      }
                    },
                    pool)
                .exceptionally(
                    failed -> {
                      ScaleBenchmark.progress(side.env() + ": " + failed.getMessage());
                      return List.of();
                    }));
      }
      Map<String, List<SyncRun>> done = new LinkedHashMap<>();
      runs.forEach((env, future) -> done.put(env, future.join()));
      return done;
    }
  }

  private static void requireAll(List<SyncRun> runs, int apps) {
    ScaleBenchmark.requireSynced(runs);
    if (runs.size() < apps) {
      throw new IllegalStateException(runs.size() + " of " + apps + " apps synced");
    }
  }

  private static void both(Runnable first, Runnable second) {
    CompletableFuture<Void> one = CompletableFuture.runAsync(first);
    CompletableFuture<Void> two = CompletableFuture.runAsync(second);
    one.join();
    two.join();
  }

  private static void reset(Side a, Side b) {
    a.requests().reset();
    b.requests().reset();
  }

  private static List<Deployment> deployments(RepoFiles files, String env) {
    return RepoRenderer.deploymentsIn(files).stream()
        .filter(d -> d.env().equals(env) && d.app().app().startsWith("app-"))
        .toList();
  }

  private static int objects(RepoFiles files, Deployment deployment) {
    return dev.paved.gitops.sync.DeployedObjects.of(files, deployment).size();
  }

  private static long apiserverPid(Sandbox sandbox) {
    return sandbox.status().components().stream()
        .filter(c -> c.component() == SandboxComponent.KUBE_APISERVER)
        .map(ComponentStatus::pid)
        .findFirst()
        .orElseThrow()
        .orElse(-1);
  }

  private static void print(Map<String, Object> r) {
    System.out.printf("%-62s %12s%n", "measure", "value");
    line(
        "apps per cluster / objects per cluster",
        r.get("apps") + " / " + r.get("objectsPerCluster"));
    line("two sandboxes up, at once (s)", r.get("sandboxesUpSeconds"));
    line("paved first sync, both clusters at once (s)", r.get("pavedFirstSeconds"));
    line("  each cluster's own sync, first / second (s)", r.get("pavedFirstEach"));
    line("paved first sync: writes", r.get("pavedFirstWrites"));
    line(
        "anchor: kubectl apply --server-side to both at once, first (s)",
        r.getOrDefault("kubectlFirstSeconds", "-"));
    line("paved no-op resync, one cluster alone (s)", r.get("pavedNoOpOneSeconds"));
    line("paved no-op resync, both at once (s)", r.get("pavedNoOpBothSeconds"));
    line("paved no-op resync, both: writes", r.get("pavedNoOpWrites"));
    line(
        "anchor: kubectl apply --server-side to both at once, no-op (s)",
        r.getOrDefault("kubectlNoOpSeconds", "-"));
    line("second API server killed: resync of both (s)", r.get("pavedOneDownSeconds"));
    line("  first cluster: its resync (s)", r.get("downFirstSeconds"));
    line("  first cluster: writes", r.get("downFirstWrites"));
    line("  second cluster: its sync, until it gave up (s)", r.get("downSecondSeconds"));
    line("  second cluster: apps synced (of " + r.get("apps") + ")", r.get("downSecondSynced"));
    line("second cluster back (s)", r.get("secondBackSeconds"));
    line("  its resync (s)", r.get("pavedAfterBackSeconds"));
    line("  its Deployments left (of " + r.get("apps") + ")", r.get("secondDeploymentsLeft"));
    line("java", r.get("java"));
    line("cpus", r.get("cpus"));
  }

  private static void line(String label, Object value) {
    System.out.printf(
        "%-62s %12s%n", label, value instanceof Double d ? String.format("%.2f", d) : value);
  }
}
