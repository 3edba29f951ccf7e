package dev.paved.core.path;

/**
 * Receives, during evaluation, which template node produced each leaf field of a rendered object.
 * Used by {@code paved explain}; rendering without it costs nothing.
 */
@FunctionalInterface
public interface FieldRecorder {

  FieldRecorder NONE = (field, value, source) -> {};

  /**
   * @param field the field path inside the object, e.g. {@code
   *     spec.template.spec.containers[0].image}
   * @param value the leaf value
   * @param source the literal, expression or interpolation that produced it
   */
  void record(String field, Object value, Template source);
}
