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
    return switch (template) {
      case Template.Literal literal -> Optional.of(literal.value());
      case Template.Expression expression ->
          expression.expression().evaluate(bindings).filter(TemplateEvaluator::notEmpty);
      case Template.Interpolation interpolation ->
          Optional.of(interpolate(interpolation, bindings));
      case Template.MapTemplate map -> Optional.of(map(map, bindings));
      case Template.ListTemplate list -> Optional.of(list(list, bindings));
    };
  }

  private static Map<String, Object> map(Template.MapTemplate map, Bindings bindings) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Template.Entry entry : map.entries()) {
      evaluate(entry.value(), bindings).ifPresent(value -> result.put(entry.key(), value));
    }
    return result;
  }

  private static List<Object> list(Template.ListTemplate list, Bindings bindings) {
    List<Object> result = new ArrayList<>();
    for (Template.Item item : list.items()) {
      if (item.includeWhen().map(when -> when.test(bindings)).orElse(true)) {
        evaluate(item.value(), bindings).ifPresent(result::add);
      }
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
