package dev.paved.bench;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.cache.ClusterCache;
import dev.paved.cluster.cache.WatchedKind;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.spec.AppSpecParser;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Applies N rendered apps to a fresh sandbox with Paved's server-side applier (reading live objects
 * from its watch cache, several apps at once), then checks all of them again three ways — a GET per
 * object, from the warm cache, and from a cache started cold — and does the same with {@code
 * kubectl apply --server-side} on the same objects (in another namespace) in the same run: the API
 * server's own limit as the anchor.
 */
final class ApplyBenchmark {

  private static final String SPEC =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: app-%d
      team: bench
      path: web-service
      with: {image: 'ghcr.io/example/api:1.0.0', replicas: {min: 2, max: 4}, public: true}
      """;

  /**
   * Apps applied at once: enough to hide round trips, few enough to stay under the apiserver's
   * limit.
   */
  private static final int CONCURRENCY = 8;

  private ApplyBenchmark() {}

  static void main(String[] args) throws Exception {
    int apps = RenderBenchmark.intOption(args, "--apps", 200);
    Optional<Path> json = RenderBenchmark.option(args, "--json").map(Path::of);
    Path dataDir = Files.createTempDirectory("paved-apply-bench");
    Sandbox sandbox = new Sandbox(SandboxConfig.defaults().withDataDir(dataDir));
    System.err.println("bench: starting a sandbox in " + dataDir);
    sandbox.up();
    Map<String, Object> results = new LinkedHashMap<>();
    try (KubernetesClient client = sandbox.client()) {
      List<List<Map<String, Object>>> paved = render(apps, "bench-paved");
      List<List<Map<String, Object>>> kubectl = render(apps, "bench-kubectl");
      for (String ns : List.of("bench-paved", "bench-kubectl")) {
        client
            .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .create();
      }
      results.put("apps", apps);
      results.put("objects", paved.stream().mapToInt(List::size).sum());
      try (ClusterCache cache = ClusterCache.start(client, WatchedKind.PAVED_KINDS)) {
        cache.awaitSynced(Duration.ofMinutes(1));
        Applier cached = new Applier(client, cache);
        results.put(
            "pavedFirstApplySeconds",
            time(() -> checkConcurrently(cached, paved, ApplyOutcome.Created.class)));
        Applier api = new Applier(client);
        results.put(
            "pavedNoOpGetSeconds", time(() -> check(api, paved, ApplyOutcome.Unchanged.class)));
        awaitCached(cache, paved);
        results.put(
            "pavedNoOpCacheSeconds",
            time(() -> check(cached, paved, ApplyOutcome.Unchanged.class)));
      }
      results.put(
          "pavedColdNoOpSeconds",
          time(
              () -> {
                try (ClusterCache cold = ClusterCache.start(client, WatchedKind.PAVED_KINDS)) {
                  cold.awaitSynced(Duration.ofMinutes(1));
                  check(new Applier(client, cold), paved, ApplyOutcome.Unchanged.class);
                }
              }));
      Optional<Path> bin = Kustomize.findKubectl();
      if (bin.isPresent()) {
        Path dir = write(kubectl);
        results.put(
            "kubectlFirstApplySeconds", time(() -> kubectl(bin.get(), sandbox.kubeconfig(), dir)));
        results.put(
            "kubectlNoOpSeconds", time(() -> kubectl(bin.get(), sandbox.kubeconfig(), dir)));
      }
    } finally {
      sandbox.down();
    }
    print(results);
    if (json.isPresent()) {
      Files.writeString(json.get(), ManifestWriter.json(results));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<List<Map<String, Object>>> render(int apps, String namespace) {
    Platform platform = new PlatformLoader().builtIn();
    Renderer renderer = new Renderer(platform);
    List<List<Map<String, Object>>> all = new ArrayList<>();
    for (int i = 0; i < apps; i++) {
      var app =
          renderer.render(
              new AppSpecParser().parse("app.yaml", SPEC.formatted(i)),
              "prod",
              platform.requireTarget("sandbox"));
      all.add(
          app.objects().stream()
              .map(RenderedObject::body)
              .map(
                  body -> {
                    Map<String, Object> copy =
                        Serialization.unmarshal(Serialization.asJson(body), LinkedHashMap.class);
                    ((Map<String, Object>) copy.get("metadata")).put("namespace", namespace);
                    return copy;
                  })
              .toList());
    }
    return all;
  }

  /** Every app applied on its own virtual thread, at most {@value #CONCURRENCY} at once. */
  private static void checkConcurrently(
      Applier applier, List<List<Map<String, Object>>> apps, Class<?> expected) {
    Semaphore slots = new Semaphore(CONCURRENCY);
    List<ApplyOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (List<Map<String, Object>> app : apps) {
        threads.submit(
            () -> {
              slots.acquireUninterruptibly();
              try {
                outcomes.addAll(applier.apply(app));
              } finally {
                slots.release();
              }
            });
      }
    }
    requireOnly(outcomes, expected);
  }

  /** Waits until the cache holds every object with its content hash, as the watch delivers them. */
  private static void awaitCached(ClusterCache cache, List<List<Map<String, Object>>> apps) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (apps.stream()
        .flatMap(List::stream)
        .anyMatch(o -> cache.find(ObjectRef.of(o)).isEmpty())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cache did not receive every object in 2 minutes");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void requireOnly(List<ApplyOutcome> outcomes, Class<?> expected) {
    Map<String, Long> counts =
        outcomes.stream()
            .collect(
                Collectors.groupingBy(o -> o.getClass().getSimpleName(), Collectors.counting()));
    if (counts.size() != 1 || !counts.containsKey(expected.getSimpleName())) {
      throw new IllegalStateException(
          "expected only " + expected.getSimpleName() + ", got " + counts);
    }
  }

  private static void check(
      Applier applier, List<List<Map<String, Object>>> apps, Class<?> expected) {
    requireOnly(apps.stream().flatMap(app -> applier.apply(app).stream()).toList(), expected);
  }

  private static Path write(List<List<Map<String, Object>>> apps) throws IOException {
    Path dir = Files.createTempDirectory("paved-apply-bench-files");
    for (int i = 0; i < apps.size(); i++) {
      StringBuilder yaml = new StringBuilder();
      for (Map<String, Object> object : apps.get(i)) {
        yaml.append("---\n").append(Serialization.asYaml(object).replaceFirst("^---\n", ""));
      }
      Files.writeString(dir.resolve("app-" + i + ".yaml"), yaml);
    }
    return dir;
  }

  static void kubectl(Path kubectl, Path kubeconfig, Path dir) {
    try {
      Process process =
          new ProcessBuilder(
                  kubectl.toString(),
                  "--kubeconfig",
                  kubeconfig.toString(),
                  "apply",
                  "--server-side",
                  "--field-manager",
                  "kubectl-bench",
                  "-f",
                  dir.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("kubectl apply failed");
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static double time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static void row(String label, Map<String, Object> r, String key) {
    System.out.printf("%-52s %10.2f%n", label, r.get(key));
  }

  private static void print(Map<String, Object> r) {
    System.out.printf("%-52s %10s%n", "measure", "value");
    System.out.printf("%-52s %10s%n", "apps / objects", r.get("apps") + " / " + r.get("objects"));
    row(
        "paved apply, first (s, cache, " + CONCURRENCY + " apps at once)",
        r,
        "pavedFirstApplySeconds");
    row("paved no-op check, GET per object (s, 1 thread)", r, "pavedNoOpGetSeconds");
    row("paved no-op check from the watch cache (s)", r, "pavedNoOpCacheSeconds");
    row("paved no-op check, cold: start cache + check (s)", r, "pavedColdNoOpSeconds");
    if (r.containsKey("kubectlFirstApplySeconds")) {
      System.out.printf(
          "%-52s %10.2f%n",
          "anchor: kubectl apply --server-side, first (s)", r.get("kubectlFirstApplySeconds"));
      System.out.printf(
          "%-52s %10.2f%n",
          "anchor: kubectl apply --server-side, no-op (s)", r.get("kubectlNoOpSeconds"));
    }
  }
}
