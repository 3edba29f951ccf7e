package dev.paved.cli;

import dev.paved.core.error.UsageException;
import picocli.CommandLine.Option;

/** The {@code -o text|json} option of the commands that print reports. */
final class ReportFormat {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  boolean json() {
    return output == OutputFormat.json;
  }

  /** Refuses {@code -o yaml}, which report commands do not print. */
  void requireTextOrJson(String command) {
    if (output == OutputFormat.yaml) {
      throw new UsageException(command + " has no yaml output", "use -o text or -o json");
    }
  }
}
