package dev.paved.cli;

import static java.util.stream.Collectors.joining;

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
          parameter(out, "", p);
        }
      }
    }
    out.flush();
    return 0;
  }

  /**
   * One parameter on a line: name, type, what it takes (required, default, range, allowed values)
   * and its description; an object's properties follow as {@code name.prop}. The JSON has the
   * patterns too.
   */
  private static void parameter(java.io.PrintWriter out, String prefix, Parameter p) {
    out.printf(
        "    %-18s %-9s %-26s %s%n", prefix + p.name(), p.type().word(), takes(p), p.description());
    p.properties().values().forEach(child -> parameter(out, prefix + p.name() + ".", child));
  }

  static String takes(Parameter p) {
    List<String> parts = new java.util.ArrayList<>();
    if (p.required()) {
      parts.add("required");
    }
    p.defaultValue().ifPresent(d -> parts.add("default " + d));
    if (p.min().isPresent() || p.max().isPresent()) {
      parts.add(number(p.min()) + ".." + number(p.max()));
    }
    if (!p.allowed().isEmpty()) {
      parts.add("one of " + p.allowed().stream().map(String::valueOf).collect(joining("|")));
    }
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  private static String number(java.util.Optional<Double> bound) {
    return bound
        .map(b -> b == Math.rint(b) ? String.valueOf(b.longValue()) : String.valueOf(b))
        .orElse("");
  }
}
