package dev.paved.cli;

import dev.paved.core.platform.Platform;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.target.Target;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that select what to render: file, environment, target, platform folder. */
final class RenderOptions {

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The app spec (paved.yaml); '-' reads standard input.")
  Path file;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      defaultValue = "dev",
      description = "Environment (default: ${DEFAULT-VALUE}).")
  String env;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "Target cluster (default: the first target serving ENV; built-in: sandbox).")
  String target;

  @Mixin PlatformOptions platformOptions;

  /** One render, with the platform and target it used. */
  record Rendered(Platform platform, Target target, AppSpec spec, RenderedApp app) {}

  Rendered render() {
    if (file == null) {
      throw new dev.paved.core.error.UsageException(
          "missing the spec: -f FILE", "pass the paved.yaml to use, e.g. -f paved.yaml");
    }
    return render(file);
  }

  Rendered render(Path specFile) {
    AppSpec spec = SpecFiles.read(specFile);
    Platform platform = platformOptions.load();
    Target chosen = target == null ? platform.targetFor(env) : platform.requireTarget(target);
    return new Rendered(platform, chosen, spec, new Renderer(platform).render(spec, env, chosen));
  }
}
