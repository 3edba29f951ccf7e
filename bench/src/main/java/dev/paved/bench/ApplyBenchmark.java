package dev.paved.bench;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.render.RenderedObject;
import dev.paved.core.render.Renderer;
import dev.paved.core.spec.AppSpecParser;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies N rendered apps to a fresh sandbox with Paved's server-side applier, then runs a no-op
 * apply of all of them, and does the same with {@code kubectl apply --server-side} on the same
 * objects (in another namespace) in the same run: the API server's own limit as the anchor.
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
      Applier applier = new Applier(client);
      results.put(
          "pavedFirstApplySeconds", time(() -> check(applier, paved, ApplyOutcome.Created.class)));
      results.put(
          "pavedNoOpSeconds", time(() -> check(applier, paved, ApplyOutcome.Unchanged.class)));
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

  private static void check(
      Applier applier, List<List<Map<String, Object>>> apps, Class<?> expected) {
    Map<String, Long> outcomes =
        apps.stream()
            .flatMap(app -> applier.apply(app).stream())
            .collect(
                Collectors.groupingBy(o -> o.getClass().getSimpleName(), Collectors.counting()));
    if (outcomes.size() != 1 || !outcomes.containsKey(expected.getSimpleName())) {
      throw new IllegalStateException(
          "expected only " + expected.getSimpleName() + ", got " + outcomes);
    }
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

  private static void kubectl(Path kubectl, Path kubeconfig, Path dir) {
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

  private static double time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static void print(Map<String, Object> r) {
    System.out.printf("%-52s %10s%n", "measure", "value");
    System.out.printf("%-52s %10s%n", "apps / objects", r.get("apps") + " / " + r.get("objects"));
    System.out.printf(
        "%-52s %10.2f%n",
        "paved apply, first (seconds, 1 thread)", r.get("pavedFirstApplySeconds"));
    System.out.printf(
        "%-52s %10.2f%n", "paved apply, no-op (seconds, zero writes)", r.get("pavedNoOpSeconds"));
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
