package dev.paved.cli;

import dev.paved.core.render.ManifestWriter;
import dev.paved.core.schema.SpecSchemaGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code paved schema}: the JSON Schema of paved.yaml, for editors. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
      "Print the JSON Schema of paved.yaml (draft 2020-12), with the parameters of every golden path.",
      "The built-in version is committed as schema/paved.schema.json; point your editor's YAML",
      "language server at it, e.g. '# yaml-language-server: $schema=schema/paved.schema.json'."
    })
final class SchemaCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin PlatformOptions platformOptions;

  @Override
  public Integer call() {
    var schema = SpecSchemaGenerator.generate(platformOptions.load().paths().latest());
    spec.commandLine().getOut().print(ManifestWriter.json(schema));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
