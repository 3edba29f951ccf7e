package dev.paved.cli;

import dev.paved.core.explain.Explainer;
import dev.paved.core.explain.Explanation;
import dev.paved.core.explain.FieldSource;
import dev.paved.core.explain.Input;
import dev.paved.core.render.ManifestWriter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paved explain}: where a rendered field came from. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain where rendered fields come from.",
      "",
      "It names the golden-path template line that produced each,",
      "and the spec value (file:line), parameter default or target setting it read, or the renderer",
      "rule that added it."
    },
    footer = {
      "",
      "Examples:",
      "  paved explain -f examples/llm-inference.yaml --field Deployment/chat:spec.template.spec.nodeSelector",
      "  paved explain -f paved.yaml --env prod --field \"Deployment/chat:spec.template.spec.containers[0].resources\""
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin RenderOptions options;

  @Option(
      names = "--field",
      required = true,
      paramLabel = "KIND/NAME[:PATH]",
      description =
          "The object, or one field of it (every field under PATH), e.g. Deployment/chat:spec.replicas.")
  String field;

  @Mixin ReportFormat format;

  @Override
  public Integer call() {
    format.requireTextOrJson("explain");
    RenderOptions.Rendered rendered = options.render();
    Explanation explanation =
        new Explainer(rendered.platform()).explain(rendered.spec(), options.env, rendered.target());
    List<FieldSource> fields = explanation.select(field);
    String object = field.contains(":") ? field.substring(0, field.indexOf(':')) : field;
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(
          ManifestWriter.json(
              Map.of(
                  "object", object, "fields", fields.stream().map(ExplainCommand::json).toList())));
    } else {
      fields.forEach(f -> text(object, f, out));
    }
    out.flush();
    return 0;
  }

  private static void text(String object, FieldSource f, PrintWriter out) {
    out.printf("%s:%s = %s%n", object, f.field(), f.value());
    String what =
        switch (f.producer()) {
          case "expression" -> "${" + f.expression().replaceAll("\\s+", " ") + "}";
          case "literal" -> "literal value";
          default -> "added by the renderer";
        };
    out.printf("  from   %s  %s%n", f.location(), what);
    for (Input input : f.inputs()) {
      out.printf(
          "  reads  %-28s %s%s%n",
          input.variable(), input.origin(), input.location().map(l -> " (" + l + ")").orElse(""));
    }
  }

  private static Map<String, Object> json(FieldSource f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("field", f.field());
    json.put("value", f.value());
    json.put("producer", f.producer());
    json.put("location", f.location().toString());
    json.put("expression", f.expression());
    json.put(
        "inputs",
        f.inputs().stream()
            .map(
                i -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("variable", i.variable());
                  item.put("origin", i.origin());
                  item.put("location", i.location().map(Object::toString).orElse(""));
                  return item;
                })
            .toList());
    return json;
  }
}
