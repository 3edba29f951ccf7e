package dev.paved.cli;

import dev.paved.core.error.UsageException;
import dev.paved.core.platform.Platform;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.render.RenderedApp;
import dev.paved.core.render.Renderer;
import dev.paved.core.spec.AppSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paved render}: the manifests a spec becomes, on standard output. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render a paved.yaml into Kubernetes manifests for one environment and target.",
      "Output is deterministic: namespaces and CRDs first, then apply order; byte-identical for the same input."
    },
    footer = {
      "",
      "Example:",
      "  paved render -f examples/llm-inference.yaml --env prod --target gke -o yaml"
    })
final class RenderCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The app spec (paved.yaml); '-' reads standard input.")
  Path file;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      defaultValue = "dev",
      description = "Environment to render (default: ${DEFAULT-VALUE}).")
  String env;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description = "Target cluster (default: the first target serving ENV; built-in: sandbox).")
  String target;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      description =
          "yaml (documents separated by ---) or json (a v1 List). Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Mixin PlatformOptions platformOptions;

  @Override
  public Integer call() {
    if (output == OutputFormat.text) {
      throw new UsageException("render has no text output", "use -o yaml or -o json");
    }
    AppSpec app = SpecFiles.read(file);
    Platform platform = platformOptions.load();
    Renderer renderer = new Renderer(platform);
    RenderedApp rendered =
        target == null
            ? renderer.render(app, env)
            : renderer.render(app, env, platform.requireTarget(target));
    String text =
        output == OutputFormat.json
            ? ManifestWriter.json(rendered.objects())
            : ManifestWriter.yaml(rendered.objects());
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
