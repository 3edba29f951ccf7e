package dev.paved.core.path;

import dev.paved.core.error.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One parameter of a golden path's compact schema.
 *
 * @param name the parameter's key under {@code with}
 * @param type its type
 * @param required whether a spec must set it
 * @param defaultValue the value when the spec leaves it out (plain Java)
 * @param allowed the enum of allowed values, empty when any value of the type is allowed
 * @param min inclusive lower bound for numbers
 * @param max inclusive upper bound for numbers
 * @param pattern a regular expression a string must match fully
 * @param description one sentence for forms and docs
 * @param properties the nested parameters of an {@link ParamType#OBJECT}, in order
 * @param location where the parameter is declared
 */
public record Parameter(
    String name,
    ParamType type,
    boolean required,
    Optional<Object> defaultValue,
    List<Object> allowed,
    Optional<Double> min,
    Optional<Double> max,
    Optional<Pattern> pattern,
    String description,
    Map<String, Parameter> properties,
    SourceLocation location) {

  public Parameter {
    allowed = List.copyOf(allowed);
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
  }

  /** The value used when the spec does not set it: the default, else the type's zero value. */
  public Object fallback() {
    if (type == ParamType.OBJECT) {
      Map<String, Object> nested = new java.util.LinkedHashMap<>();
      properties.forEach((key, child) -> nested.put(key, child.fallback()));
      return nested;
    }
    return defaultValue.orElse(type.zero());
  }
}
