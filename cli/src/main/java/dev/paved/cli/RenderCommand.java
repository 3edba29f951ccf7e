package dev.paved.cli;

import dev.paved.core.error.UsageException;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.rendered.RenderedApp;
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

  @Mixin RenderOptions options;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      description =
          "yaml (documents separated by ---) or json (a v1 List). Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  @Override
  public Integer call() {
    if (output == OutputFormat.text) {
      throw new UsageException("render has no text output", "use -o yaml or -o json");
    }
    RenderedApp rendered = options.render().app();
    String text =
        output == OutputFormat.json
            ? ManifestWriter.json(rendered.objects())
            : ManifestWriter.yaml(rendered.objects());
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
