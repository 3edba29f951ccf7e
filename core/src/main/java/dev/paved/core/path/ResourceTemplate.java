package dev.paved.core.path;

import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.error.SourceLocation;
import java.util.Optional;

/**
 * One resource of a golden path.
 *
 * @param id a short name unique in the path (e.g. {@code deployment}), used in provenance
 * @param includeWhen when present, the resource is rendered only if it is true
 * @param template the compiled object template
 * @param location where the resource is declared
 */
public record ResourceTemplate(
    String id,
    Optional<CompiledExpression> includeWhen,
    Template template,
    SourceLocation location) {}
