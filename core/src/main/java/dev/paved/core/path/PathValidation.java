package dev.paved.core.path;

import dev.paved.core.cel.CompiledExpression;

/**
 * A rule across parameters that the per-parameter schema cannot say, e.g. {@code with.replicas.min
 * <= with.replicas.max}. Checked on every render, before any template.
 *
 * @param expression a boolean CEL expression over the path's variables; true means valid
 * @param message what is wrong when it is false
 * @param field the spec field to point at, e.g. {@code with.replicas}
 */
public record PathValidation(CompiledExpression expression, String message, String field) {}
