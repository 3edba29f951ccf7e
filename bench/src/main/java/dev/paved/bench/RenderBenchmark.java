package dev.paved.bench;

import com.sun.management.ThreadMXBean;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.spec.AppSpecParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders N app specs in-process (parse → validate → render → YAML, one thread) and prints apps per
 * second and bytes allocated per app. As an anchor in the same run it times {@code kubectl
 * kustomize} over a sample of the same rendered output split into kustomize folders, when a kubectl
 * binary is found (the sandbox build's, or on PATH).
 */
final class RenderBenchmark {

  private static final List<String> PATHS =
      List.of(
          "llm-inference",
          "model-server",
          "batch-inference",
          "fine-tune",
          "notebook",
          "web-service");

  private RenderBenchmark() {}

  static void main(String[] args) throws Exception {
    int apps = intOption(args, "--apps", 10_000);
    int anchorApps = intOption(args, "--anchor-apps", 200);
    Optional<Path> json = option(args, "--json").map(Path::of);
    Platform platform = new PlatformLoader().builtIn();
    List<String> specs = specs(apps);
    Renderer renderer = new Renderer(platform);
    AppSpecParser parser = new AppSpecParser();

    run(specs.subList(0, Math.min(2_000, apps)), parser, renderer); // warm-up, not measured
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    long objects = run(specs, parser, renderer);
    long nanos = System.nanoTime() - start;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("apps", apps);
    results.put("objects", objects);
    results.put("seconds", nanos / 1e9);
    results.put("appsPerSecond", apps / (nanos / 1e9));
    results.put("allocatedBytesPerApp", allocated / apps);
    results.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    results.put("cpus", Runtime.getRuntime().availableProcessors());
    Optional<Path> kubectl = Kustomize.findKubectl();
    kubectl.ifPresent(
        k -> results.putAll(Kustomize.anchor(k, specs.subList(0, anchorApps), parser, renderer)));
    print(results, kubectl.isPresent());
    if (json.isPresent()) {
      Files.writeString(json.get(), ManifestWriter.json(results));
    }
  }

  private static long run(List<String> specs, AppSpecParser parser, Renderer renderer) {
    long objects = 0;
    for (int i = 0; i < specs.size(); i++) {
      RenderedApp app = renderer.render(parser.parse("app-" + i + ".yaml", specs.get(i)), "prod");
      objects += app.objects().size();
      if (ManifestWriter.yaml(app.objects()).isEmpty()) {
        throw new IllegalStateException("empty render");
      }
    }
    return objects;
  }

  /** N distinct specs: the golden inputs of the six paths, renamed and varied. */
  static List<String> specs(int count) throws IOException {
    List<String> seeds = new ArrayList<>();
    for (String path : PATHS) {
      seeds.add(Files.readString(Path.of("core/src/test/resources/golden", path, "input.yaml")));
    }
    List<String> specs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String seed = seeds.get(i % seeds.size());
      specs.add(
          seed.replaceFirst("(?m)^app: .*$", "app: app-" + i)
              .replaceFirst("(?m)^team: .*$", "team: team-" + (i % 25)));
    }
    return specs;
  }

  private static void print(Map<String, Object> r, boolean anchored) {
    System.out.printf("%-44s %12s%n", "measure", "value");
    System.out.printf("%-44s %12d%n", "apps rendered (parse+validate+render+YAML)", r.get("apps"));
    System.out.printf("%-44s %12d%n", "objects rendered", r.get("objects"));
    System.out.printf("%-44s %12.2f%n", "seconds", r.get("seconds"));
    System.out.printf(
        "%-44s %12.0f%n", "paved render: apps/second (1 thread)", r.get("appsPerSecond"));
    System.out.printf(
        "%-44s %12d%n", "paved render: bytes allocated per app", r.get("allocatedBytesPerApp"));
    if (anchored) {
      System.out.printf(
          "%-44s %12d%n", "anchor: apps through kubectl kustomize", r.get("anchorApps"));
      System.out.printf(
          "%-44s %12.1f%n", "anchor: kubectl kustomize apps/second", r.get("anchorAppsPerSecond"));
    } else {
      System.out.println(
          "anchor: no kubectl found (run sandbox/build.sh); kustomize anchor skipped");
    }
    System.out.printf("%-44s %12s%n", "java", r.get("java"));
    System.out.printf("%-44s %12d%n", "cpus", r.get("cpus"));
  }

  static int intOption(String[] args, String name, int fallback) {
    return option(args, name).map(Integer::parseInt).orElse(fallback);
  }

  static Optional<String> option(String[] args, String name) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Optional.of(args[i + 1]);
      }
    }
    return Optional.empty();
  }

  static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
