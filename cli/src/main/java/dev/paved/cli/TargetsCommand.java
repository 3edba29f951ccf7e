package dev.paved.cli;

import dev.paved.core.render.ManifestWriter;
import dev.paved.core.target.Target;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code paved targets}: the targets and the GPU classes each offers. */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    description = "List the targets with their cloud, environments and GPU classes.")
final class TargetsCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ReportFormat format;

  @Mixin PlatformOptions platformOptions;

  @Override
  public Integer call() {
    format.requireTextOrJson("targets");
    var targets = platformOptions.load().targets().values();
    var out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(
          ManifestWriter.json(
              Map.of(
                  "targets",
                  targets.stream().map(dev.paved.core.platform.PlatformViews::target).toList())));
    } else {
      out.printf("%-10s %-8s %-20s %s%n", "NAME", "CLOUD", "ENVIRONMENTS", "GPU CLASSES");
      for (Target t : targets) {
        out.printf(
            "%-10s %-8s %-20s %s%n",
            t.name(),
            t.cloud(),
            t.environments().isEmpty() ? "-" : String.join(",", t.environments()),
            String.join(", ", t.gpuClasses().keySet()));
      }
    }
    out.flush();
    return 0;
  }
}
