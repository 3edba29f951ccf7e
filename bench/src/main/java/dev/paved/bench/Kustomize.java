package dev.paved.bench;

import dev.paved.core.render.ManifestWriter;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.spec.AppSpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The anchor: {@code kubectl kustomize} over the same rendered output, one kustomization folder per
 * app (the per-app templating cost of the most common alternative), run as separate processes the
 * way a GitOps tool runs it.
 */
final class Kustomize {

  private Kustomize() {}

  static Optional<Path> findKubectl() {
    Path home = Path.of(System.getProperty("user.home"), ".cache/paved/sandbox");
    if (Files.isDirectory(home)) {
      try (Stream<Path> found = Files.walk(home, 3)) {
        Optional<Path> cached =
            found
                .filter(p -> p.getFileName().toString().equals("kubectl") && Files.isExecutable(p))
                .findFirst();
        if (cached.isPresent()) {
          return cached;
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static Map<String, Object> anchor(
      Path kubectl, List<String> specs, AppSpecParser parser, Renderer renderer) {
    try {
      Path root = Files.createTempDirectory("paved-kustomize-anchor");
      try {
        for (int i = 0; i < specs.size(); i++) {
          RenderedApp app =
              renderer.render(parser.parse("app-" + i + ".yaml", specs.get(i)), "prod");
          Path folder = Files.createDirectories(root.resolve("app-" + i));
          Files.writeString(folder.resolve("manifests.yaml"), ManifestWriter.yaml(app.objects()));
          Files.writeString(
              folder.resolve("kustomization.yaml"), "resources:\n  - manifests.yaml\n");
        }
        kustomize(kubectl, root.resolve("app-0")); // warm the page cache
        long start = System.nanoTime();
        for (int i = 0; i < specs.size(); i++) {
          kustomize(kubectl, root.resolve("app-" + i));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("anchorApps", specs.size());
        result.put("anchorSeconds", seconds);
        result.put("anchorAppsPerSecond", specs.size() / seconds);
        result.put("anchorTool", kubectl.toString());
        return result;
      } finally {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("kustomize anchor failed: " + e.getMessage(), e);
    }
  }

  private static void kustomize(Path kubectl, Path folder)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(kubectl.toString(), "kustomize", folder.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (process.waitFor() != 0) {
      throw new IOException("kubectl kustomize failed for " + folder);
    }
  }
}
