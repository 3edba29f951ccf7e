package dev.paved.cli;

import dev.paved.core.error.UsageException;
import dev.paved.core.policy.AdmissionPolicyExport;
import dev.paved.core.policy.CheckReport;
import dev.paved.core.policy.Finding;
import dev.paved.core.policy.Manifest;
import dev.paved.core.policy.PolicyChecker;
import dev.paved.core.render.ManifestWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paved check}: policy findings for a spec; exit 1 when one blocks. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check a paved.yaml's rendered manifests against the platform's rules.",
      "",
      "It applies the built-in rules (security, resources,",
      "probes, availability, network, RBAC, labels, API, AI workloads, budget, GPU capacity) and",
      "the platform's rules in platform/policies/. Exit 1 when an unwaived 'block' finding exists.",
      "",
      "--export vap writes the rules that can be enforced at admission as",
      "ValidatingAdmissionPolicy objects instead (no -f needed)."
    },
    footer = {
      "",
      "Example:",
      "  paved check -f examples/llm-inference.yaml --env prod --target gke -o json"
    })
final class CheckCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin RenderOptions options;

  @Mixin ReportFormat format;

  @Option(
      names = "--export",
      paramLabel = "FORMAT",
      description =
          "vap: print ValidatingAdmissionPolicy objects and their bindings instead of checking (yaml, or -o json for a v1 List).")
  String export;

  @Override
  public Integer call() {
    if (export != null) {
      return export();
    }
    format.requireTextOrJson("check");
    RenderOptions.Rendered rendered = options.render();
    var team = rendered.platform().team(rendered.spec().team());
    CheckReport report =
        new PolicyChecker(rendered.platform().policies(), Clock.systemUTC())
            .check(rendered.app(), rendered.target(), new Manifest.Budget(team.monthlyBudget(), 0));
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(ManifestWriter.json(json(report)));
    } else {
      text(report, out);
    }
    out.flush();
    return report.blocked() ? 1 : 0;
  }

  private int export() {
    if (!export.equals("vap")) {
      throw new UsageException("unknown export format '" + export + "'", "use --export vap");
    }
    var objects =
        AdmissionPolicyExport.export(options.platformOptions.load().policies()).stream()
            .map(body -> new dev.paved.core.rendered.RenderedObject("vap", body))
            .toList();
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.json() ? ManifestWriter.json(objects) : ManifestWriter.yaml(objects));
    out.flush();
    return 0;
  }

  static void text(CheckReport report, PrintWriter out) {
    out.printf(
        "%s in %s on %s: %d blocking, %d warnings, %d waived%n",
        report.app(),
        report.environment(),
        report.target(),
        report.count(dev.paved.core.policy.Severity.BLOCK),
        report.count(dev.paved.core.policy.Severity.WARN),
        report.waived());
    for (Finding f : report.findings()) {
      String tag = f.waiver().isPresent() ? "WAIVED" : f.severity().name();
      out.printf(
          "%n%-6s %-10s %s: %s%n       fix: %s%n", tag, f.rule(), f.object(), f.message(), f.fix());
      f.waiver()
          .ifPresent(
              w ->
                  out.printf(
                      "       waived until %s: %s (%s)%n", w.expires(), w.reason(), w.location()));
    }
  }

  static Map<String, Object> json(CheckReport report) {
    return dev.paved.core.policy.CheckReports.json(report);
  }
}
