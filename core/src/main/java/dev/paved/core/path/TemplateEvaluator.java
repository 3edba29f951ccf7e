package dev.paved.core.path;

import dev.paved.core.cel.CompiledExpression.Bindings;
import dev.paved.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a {@link Template} into plain Java values (ordered maps, lists, scalars).
 *
 * <p>A field whose whole value is an expression is left out when the expression yields {@code
 * null}, an empty string, an empty list or an empty map; literal empty values (such as {@code
 * emptyDir: {}}) stay.
 */
public final class TemplateEvaluator {

  private TemplateEvaluator() {}

  public static Optional<Object> evaluate(Template template, Bindings bindings) {
    return evaluate(template, bindings, "", FieldRecorder.NONE);
  }

  /** Evaluates and reports the source of every leaf to the recorder. */
  public static Optional<Object> evaluate(
      Template template, Bindings bindings, String field, FieldRecorder recorder) {
    Optional<Object> value =
        switch (template) {
          case Template.Literal literal -> Optional.of(literal.value());
          case Template.Expression expression ->
              expression.expression().evaluate(bindings).filter(TemplateEvaluator::notEmpty);
          case Template.Interpolation interpolation ->
              Optional.of(interpolate(interpolation, bindings));
          case Template.MapTemplate map -> Optional.of(map(map, bindings, field, recorder));
          case Template.ListTemplate list -> Optional.of(list(list, bindings, field, recorder));
        };
    if (!(template instanceof Template.MapTemplate)
        && !(template instanceof Template.ListTemplate)) {
      value.ifPresent(v -> recordLeaves(field, v, template, recorder));
    }
    return value;
  }

  private static void recordLeaves(
      String field, Object value, Template source, FieldRecorder recorder) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      map.forEach(
          (k, v) -> recordLeaves(FieldPaths.child(field, String.valueOf(k)), v, source, recorder));
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        recordLeaves(FieldPaths.index(field, i), list.get(i), source, recorder);
      }
    } else {
      recorder.record(field, value, source);
    }
  }

  private static Map<String, Object> map(
      Template.MapTemplate map, Bindings bindings, String field, FieldRecorder recorder) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Template.Entry entry : map.entries()) {
      evaluate(entry.value(), bindings, FieldPaths.child(field, entry.key()), recorder)
          .ifPresent(value -> result.put(entry.key(), value));
    }
    if (result.isEmpty()) {
      recorder.record(field, result, map);
    }
    return result;
  }

  private static List<Object> list(
      Template.ListTemplate list, Bindings bindings, String field, FieldRecorder recorder) {
    List<Object> result = new ArrayList<>();
    for (Template.Item item : list.items()) {
      if (item.includeWhen().map(when -> when.test(bindings)).orElse(true)) {
        evaluate(item.value(), bindings, FieldPaths.index(field, result.size()), recorder)
            .ifPresent(result::add);
      }
    }
    if (result.isEmpty()) {
      recorder.record(field, result, list);
    }
    return result;
  }

  private static String interpolate(Template.Interpolation interpolation, Bindings bindings) {
    StringBuilder text = new StringBuilder();
    for (Template.Part part : interpolation.parts()) {
      switch (part) {
        case Template.Part.Text literal -> text.append(literal.text());
        case Template.Part.Value value ->
            text.append(asText(value.expression().evaluate(bindings), value, interpolation));
      }
    }
    return text.toString();
  }

  private static String asText(
      Optional<Object> value, Template.Part.Value part, Template.Interpolation where) {
    Object plain = value.orElse("");
    if (plain instanceof Map<?, ?> || plain instanceof Collection<?>) {
      throw new InvalidInputException(
          "expression '" + part.expression().text() + "' yields a map or list inside a string",
          where.location(),
          "use it as the whole value, or pick one element");
    }
    if (plain instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(plain);
  }

  private static boolean notEmpty(Object value) {
    return !(value instanceof String text && text.isEmpty())
        && !(value instanceof Map<?, ?> map && map.isEmpty())
        && !(value instanceof Collection<?> list && list.isEmpty());
  }
}
