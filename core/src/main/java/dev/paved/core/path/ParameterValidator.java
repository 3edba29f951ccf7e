package dev.paved.core.path;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.text.SecretDetector;
import dev.paved.core.text.Suggestions;
import dev.paved.core.yaml.MapNode;
import dev.paved.core.yaml.MapReader;
import dev.paved.core.yaml.Node;
import dev.paved.core.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code with} values of a spec against a golden path's parameters and returns the
 * complete values, defaults filled in. Every error names the field and its position.
 */
public final class ParameterValidator {

  private static final Pattern QUANTITY =
      Pattern.compile("([0-9]+(\\.[0-9]+)?|\\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");

  private ParameterValidator() {}

  /**
   * Validates and completes the values.
   *
   * @param schema the path's parameters
   * @param values the spec's {@code with} map (after environment overrides), if any
   * @param spec where the spec is, for errors about a missing {@code with}
   * @param gpuClasses the GPU classes the target offers, for {@link ParamType#GPU_CLASS}
   * @param targetName the target's name, for messages
   */
  public static Map<String, Object> validate(
      Map<String, Parameter> schema,
      Optional<MapNode> values,
      SourceLocation spec,
      Set<String> gpuClasses,
      String targetName) {
    return validate(schema, values, "with", new Scope(spec, Optional.of(gpuClasses), targetName));
  }

  /**
   * Checks the values' names, types and rules without a target (GPU classes are not checked): used
   * for the environments that are not being rendered, so a bad override fails every render.
   */
  public static void check(
      Map<String, Parameter> schema, Optional<MapNode> values, SourceLocation spec) {
    validate(schema, values, "with", new Scope(spec, Optional.empty(), ""));
  }

  /** What a validation needs besides the values: where the spec is and the target's GPUs. */
  private record Scope(SourceLocation spec, Optional<Set<String>> gpuClasses, String targetName) {}

  private static Map<String, Object> validate(
      Map<String, Parameter> schema, Optional<MapNode> values, String path, Scope scope) {
    values.ifPresent(map -> MapReader.of(map, path).allowOnly(schema.keySet()));
    Map<String, Object> result = new LinkedHashMap<>();
    for (Parameter parameter : schema.values()) {
      result.put(parameter.name(), value(parameter, values, path, scope));
    }
    return result;
  }

  private static Object value(
      Parameter parameter, Optional<MapNode> values, String path, Scope scope) {
    String field = path + "." + parameter.name();
    Optional<Node> given =
        values
            .flatMap(map -> map.find(parameter.name()))
            .filter(n -> !(n instanceof ScalarNode s && s.isNull()));
    if (given.isEmpty()) {
      if (parameter.required()) {
        throw missing(parameter, field, path, values.map(MapNode::location).orElse(scope.spec()));
      }
      return parameter.fallback();
    }
    Node node = given.get();
    Object value =
        parameter.type() == ParamType.OBJECT
            ? validate(parameter.properties(), Optional.of(asMap(node, field)), field, scope)
            : convert(parameter, node, field);
    if (parameter.type() == ParamType.GPU_CLASS && scope.gpuClasses().isPresent()) {
      requireGpuClass((String) value, node, field, scope.gpuClasses().get(), scope.targetName());
    }
    return value;
  }

  private static InvalidInputException missing(
      Parameter parameter, String field, String path, SourceLocation where) {
    String add = "add '" + parameter.name() + ":' under " + path;
    return new InvalidInputException(
        "missing required parameter '" + field + "'",
        where,
        parameter.description().isEmpty() ? add : add + ": " + parameter.description());
  }

  /** Converts one scalar or list value to the parameter's type and checks its rules. */
  static Object convert(Parameter parameter, Node node, String field) {
    Object value =
        switch (parameter.type()) {
          case STRING, GPU_CLASS -> MapReader.string(node, field);
          case INTEGER -> MapReader.integer(node, field);
          case NUMBER -> number(node, field);
          case BOOLEAN -> MapReader.bool(node, field);
          case QUANTITY -> quantity(node, field);
          case LIST -> stringList(node, field);
          case OBJECT -> asMap(node, field);
        };
    check(parameter, value, node, field);
    return value;
  }

  private static void check(Parameter parameter, Object value, Node node, String field) {
    if (!parameter.allowed().isEmpty() && !parameter.allowed().contains(value)) {
      List<String> words = parameter.allowed().stream().map(String::valueOf).toList();
      throw new InvalidInputException(
          field + ": '" + value + "' is not allowed",
          node.location(),
          Suggestions.hint(String.valueOf(value), words));
    }
    if (value instanceof Number number) {
      double n = number.doubleValue();
      parameter
          .min()
          .filter(min -> n < min)
          .ifPresent(min -> outOfRange(field, value, node, "at least", min));
      parameter
          .max()
          .filter(max -> n > max)
          .ifPresent(max -> outOfRange(field, value, node, "at most", max));
    }
    if (value instanceof List<?> items) {
      items.forEach(item -> refuseSecret(String.valueOf(item), node, field));
    }
    if (value instanceof String text) {
      parameter
          .pattern()
          .filter(p -> !p.matcher(text).matches())
          .ifPresent(
              p -> {
                throw new InvalidInputException(
                    field + ": '" + text + "' does not match " + p.pattern(),
                    node.location(),
                    parameter.description().isEmpty() ? "fix the value" : parameter.description());
              });
      refuseSecret(text, node, field);
    }
  }

  private static void refuseSecret(String text, Node node, String field) {
    SecretDetector.looksLikeSecret(text)
        .ifPresent(
            what -> {
              throw new InvalidInputException(
                  field
                      + ": the value looks like "
                      + what
                      + "; secret values must never be written in a spec",
                  node.location(),
                  "remove it, list the secret's NAME under 'secrets:' and store the value in the cluster");
            });
  }

  private static void outOfRange(
      String field, Object value, Node node, String bound, double limit) {
    String shown = limit == Math.rint(limit) ? String.valueOf((long) limit) : String.valueOf(limit);
    throw new InvalidInputException(
        field + ": " + value + " is out of range",
        node.location(),
        "use a value " + bound + " " + shown);
  }

  private static void requireGpuClass(
      String gpu, Node node, String field, Set<String> gpuClasses, String targetName) {
    if (!gpu.isEmpty() && !gpuClasses.contains(gpu)) {
      throw new InvalidInputException(
          field + ": GPU class '" + gpu + "' is not offered by target '" + targetName + "'",
          node.location(),
          gpuClasses.isEmpty()
              ? "this target has no GPUs; remove 'gpu' or pick another target"
              : "this target offers: " + String.join(", ", new java.util.TreeSet<>(gpuClasses)));
    }
  }

  private static double number(Node node, String field) {
    if (node instanceof ScalarNode s
        && (s.kind() == ScalarNode.Kind.INTEGER || s.kind() == ScalarNode.Kind.FLOAT)) {
      return Double.parseDouble(s.text());
    }
    throw new InvalidInputException(
        field + ": expected a number, found " + node.describe(),
        node.location(),
        "write a number without quotes");
  }

  private static String quantity(Node node, String field) {
    if (node instanceof ScalarNode s
        && s.kind() != ScalarNode.Kind.BOOLEAN
        && s.kind() != ScalarNode.Kind.NULL) {
      if (QUANTITY.matcher(s.text()).matches()) {
        return s.text();
      }
      throw new InvalidInputException(
          field + ": '" + s.text() + "' is not a Kubernetes quantity",
          node.location(),
          "write e.g. 500m or 2 for CPU, 512Mi or 48Gi for memory and storage");
    }
    throw new InvalidInputException(
        field + ": expected a quantity, found " + node.describe(),
        node.location(),
        "write e.g. 2, 500m or 48Gi");
  }

  private static List<String> stringList(Node node, String field) {
    List<String> items = new ArrayList<>();
    List<Node> nodes = MapReader.items(node, field);
    for (int i = 0; i < nodes.size(); i++) {
      Node item = nodes.get(i);
      if (!(item instanceof ScalarNode s) || s.isNull()) {
        throw new InvalidInputException(
            field + "[" + i + "]: expected a string, found " + item.describe(),
            item.location(),
            "write each item as a plain value");
      }
      items.add(s.text());
    }
    return items;
  }

  private static MapNode asMap(Node node, String field) {
    return MapReader.of(node, field).node();
  }
}
