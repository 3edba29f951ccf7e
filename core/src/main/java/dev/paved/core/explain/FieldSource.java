package dev.paved.core.explain;

import dev.paved.core.error.SourceLocation;
import java.util.List;

/**
 * Where one leaf field of a rendered object came from.
 *
 * @param field the field path inside the object
 * @param value its rendered value
 * @param producer {@code literal}, {@code expression} or {@code renderer}
 * @param location the template position (or the golden path file, for renderer fields)
 * @param expression the expression text, empty for literals and renderer fields
 * @param inputs what the expression read, or what the renderer used
 */
public record FieldSource(
    String field,
    Object value,
    String producer,
    SourceLocation location,
    String expression,
    List<Input> inputs) {

  public FieldSource {
    inputs = List.copyOf(inputs);
  }
}
