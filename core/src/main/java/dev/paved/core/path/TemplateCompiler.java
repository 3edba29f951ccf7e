package dev.paved.core.path;

import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.cel.ExpressionEnvironment;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.yaml.ListNode;
import dev.paved.core.yaml.MapNode;
import dev.paved.core.yaml.Node;
import dev.paved.core.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a YAML template tree into a {@link Template}, type-checking every {@code ${...}}
 * expression against the environment. Pure and thread-safe.
 */
final class TemplateCompiler {

  static final String INCLUDE_WHEN = "$includeWhen";

  private final ExpressionEnvironment environment;

  TemplateCompiler(ExpressionEnvironment environment) {
    this.environment = environment;
  }

  Template compile(Node node) {
    return switch (node) {
      case MapNode map -> map(map);
      case ListNode list -> list(list);
      case ScalarNode scalar -> scalar(scalar);
    };
  }

  /**
   * Compiles an expression written either as {@code ${expr}} or bare; when {@code mustBeBool}, its
   * type must be bool.
   */
  CompiledExpression condition(Node node, String field, boolean mustBeBool) {
    if (!(node instanceof ScalarNode scalar) || scalar.kind() != ScalarNode.Kind.STRING) {
      throw new InvalidInputException(
          field + ": expected an expression such as ${with.public}, found " + node.describe(),
          node.location(),
          "write the condition as a quoted CEL expression");
    }
    List<Segment> segments = Segments.split(scalar.text(), scalar.location());
    String text =
        segments.size() == 1 && segments.getFirst().expression()
            ? segments.getFirst().text()
            : scalar.text();
    CompiledExpression compiled = environment.compile(text, scalar.location());
    String type = compiled.resultType().name();
    if (mustBeBool && !type.equals("bool") && !type.equals("dyn")) {
      throw new InvalidInputException(
          field + ": the condition '" + text + "' is " + type + ", not bool",
          scalar.location(),
          "compare it, e.g. " + text + " > 0");
    }
    return compiled;
  }

  private Template map(MapNode map) {
    List<Template.Entry> entries = new ArrayList<>();
    for (MapNode.Entry entry : map.entries()) {
      if (entry.key().contains("${")) {
        throw new InvalidInputException(
            "expressions are not allowed in keys ('" + entry.key() + "')",
            entry.keyLocation(),
            "compute the whole map instead: key: ${ {...} }");
      }
      entries.add(new Template.Entry(entry.key(), compile(entry.value())));
    }
    return new Template.MapTemplate(entries, map.location());
  }

  private Template list(ListNode list) {
    List<Template.Item> items = new ArrayList<>();
    for (Node item : list.items()) {
      Optional<CompiledExpression> when = Optional.empty();
      Node value = item;
      if (item instanceof MapNode map && map.find(INCLUDE_WHEN).isPresent()) {
        when = Optional.of(condition(map.find(INCLUDE_WHEN).orElseThrow(), INCLUDE_WHEN, true));
        value =
            new MapNode(
                map.entries().stream().filter(e -> !e.key().equals(INCLUDE_WHEN)).toList(),
                map.location());
      }
      items.add(new Template.Item(compile(value), when));
    }
    return new Template.ListTemplate(items, list.location());
  }

  private Template scalar(ScalarNode scalar) {
    if (scalar.kind() != ScalarNode.Kind.STRING || !scalar.text().contains("${")) {
      Object value = scalar.isNull() ? "" : scalar.plainValue();
      return new Template.Literal(value, scalar.location());
    }
    List<Segment> segments = Segments.split(scalar.text(), scalar.location());
    if (segments.size() == 1 && segments.getFirst().expression()) {
      Segment only = segments.getFirst();
      return new Template.Expression(
          environment.compile(only.text(), only.location()), scalar.location());
    }
    List<Template.Part> parts = new ArrayList<>();
    for (Segment segment : segments) {
      parts.add(
          segment.expression()
              ? new Template.Part.Value(environment.compile(segment.text(), segment.location()))
              : new Template.Part.Text(segment.text()));
    }
    return new Template.Interpolation(parts, scalar.location());
  }

  /** A piece of a template string: literal text or the inside of one {@code ${...}}. */
  record Segment(String text, boolean expression, SourceLocation location) {}
}
