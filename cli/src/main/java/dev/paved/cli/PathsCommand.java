package dev.paved.cli;

import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.Parameter;
import dev.paved.core.render.ManifestWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code paved paths}: the golden paths available and their parameters. */
@Command(
    name = "paths",
    mixinStandardHelpOptions = true,
    description = "List the golden paths (newest version of each) with their parameters.")
final class PathsCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ReportFormat format;

  @Mixin PlatformOptions platformOptions;

  @Override
  public Integer call() {
    format.requireTextOrJson("paths");
    List<GoldenPath> paths = platformOptions.load().paths().latest();
    var out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(
          ManifestWriter.json(
              Map.of(
                  "paths",
                  paths.stream().map(dev.paved.core.platform.PlatformViews::path).toList())));
    } else {
      for (GoldenPath path : paths) {
        out.printf(
            "%s@%s (%s)%n  %s%n", path.name(), path.version(), path.workload(), path.description());
        for (Parameter p : path.parameters().values()) {
          out.printf("    %-15s %-9s %s%n", p.name(), p.type().word(), p.description());
        }
      }
    }
    out.flush();
    return 0;
  }
}
