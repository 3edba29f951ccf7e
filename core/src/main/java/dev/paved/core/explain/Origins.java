package dev.paved.core.explain;

import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.Parameter;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.SecretRef;
import dev.paved.core.target.Target;
import dev.paved.core.yaml.MapNode;
import dev.paved.core.yaml.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Says where each variable a template reads gets its value from in one render. */
final class Origins {

  private final AppSpec spec;
  private final String environment;
  private final GoldenPath path;
  private final Target target;

  Origins(AppSpec spec, String environment, GoldenPath path, Target target) {
    this.spec = spec;
    this.environment = environment;
    this.path = path;
    this.target = target;
  }

  /** The inputs of an expression, with named vars expanded into what they read. */
  List<Input> of(CompiledExpression expression) {
    Set<String> variables = new LinkedHashSet<>();
    expand(expression, variables, new LinkedHashSet<>());
    List<Input> inputs = new ArrayList<>();
    variables.forEach(v -> inputs.add(input(v)));
    return inputs;
  }

  private void expand(CompiledExpression expression, Set<String> into, Set<String> seenVars) {
    for (String reference : expression.references()) {
      if (reference.startsWith("vars.")) {
        String name = reference.substring(5);
        CompiledExpression var = path.vars().get(name);
        if (var != null && seenVars.add(name)) {
          expand(var, into, seenVars);
        }
      } else {
        into.add(reference);
      }
    }
  }

  Input input(String variable) {
    if (variable.startsWith("with.")) {
      return parameter(variable);
    }
    if (variable.startsWith("target.gpu.")) {
      return new Input(
          variable,
          "target " + target.name() + ", GPU class " + gpuClass(),
          Optional.of(target.source()));
    }
    if (variable.startsWith("target.")) {
      return new Input(
          variable,
          "target " + target.name() + " setting " + variable.substring(7),
          Optional.of(target.source()));
    }
    return switch (variable) {
      case "app.name", "app.secretName", "app.labels", "app.selector" ->
          new Input(
              variable,
              "the spec's app '" + spec.app() + "' (and team, environment for labels)",
              Optional.of(spec.source()));
      case "app.namespace" ->
          new Input(
              variable,
              "team " + spec.team() + "'s namespace for " + environment,
              Optional.of(spec.source()));
      case "app.path", "app.pathVersion" ->
          new Input(variable, "golden path " + path.ref(), Optional.of(path.source()));
      case "team.name" ->
          new Input(variable, "the spec's team '" + spec.team() + "'", Optional.of(spec.source()));
      case "env.name" ->
          new Input(
              variable, "the environment being rendered (" + environment + ")", Optional.empty());
      case "secrets" ->
          new Input(
              variable,
              "the spec's secrets " + spec.secretNames(),
              spec.secrets().stream()
                  .map(SecretRef::location)
                  .findFirst()
                  .or(() -> Optional.of(spec.source())));
      default -> new Input(variable, "Paved", Optional.empty());
    };
  }

  private String gpuClass() {
    return path.parameters().values().stream()
        .filter(p -> p.type() == dev.paved.core.path.ParamType.GPU_CLASS)
        .map(p -> valueText(p.name()))
        .findFirst()
        .orElse("none");
  }

  private String valueText(String name) {
    return spec.withFor(environment)
        .flatMap(w -> w.find(name))
        .map(n -> String.valueOf(dev.paved.core.yaml.Nodes.plain(n)))
        .orElseGet(
            () ->
                Optional.ofNullable(path.parameters().get(name))
                    .map(p -> String.valueOf(p.fallback()))
                    .orElse(""));
  }

  /** A parameter: the environment's override, the spec's value, or the path's default. */
  private Input parameter(String variable) {
    String[] parts = variable.split("\\.");
    Optional<MapNode> override =
        Optional.ofNullable(spec.environments().get(environment))
            .flatMap(AppSpec.EnvironmentOverride::with);
    Optional<Node> overridden = find(override, parts);
    if (overridden.isPresent()) {
      return written(variable, "environments." + environment + " override ", overridden.get());
    }
    Optional<Node> base = find(spec.with(), parts);
    if (base.isPresent()) {
      return written(variable, "the spec's value ", base.get());
    }
    Parameter parameter = parameter(parts);
    Object fallback = parameter.fallback();
    String shown =
        fallback instanceof String text && text.isEmpty()
            ? "\"\" (none)"
            : String.valueOf(fallback);
    return new Input(
        variable,
        "default " + shown + " of parameter " + variable.substring(5) + " in " + path.ref(),
        Optional.of(parameter.location()));
  }

  private static Input written(String variable, String what, Node node) {
    return new Input(
        variable, what + dev.paved.core.yaml.Nodes.plain(node), Optional.of(node.location()));
  }

  private static Optional<Node> find(Optional<MapNode> root, String[] parts) {
    List<String> keys = List.of(parts);
    return root.flatMap(map -> map.at(keys.subList(1, keys.size())));
  }

  private Parameter parameter(String[] parts) {
    Map<String, Parameter> level = path.parameters();
    Parameter parameter = level.get(parts[1]);
    for (int i = 2; i < parts.length; i++) {
      parameter = parameter.properties().get(parts[i]);
    }
    return parameter;
  }
}
