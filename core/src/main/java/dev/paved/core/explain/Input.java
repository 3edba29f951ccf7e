package dev.paved.core.explain;

import dev.paved.core.error.SourceLocation;
import java.util.Optional;

/**
 * One thing an expression read.
 *
 * @param variable the variable, e.g. {@code with.gpus}
 * @param origin where its value came from, in words
 * @param location the file position of that origin, when known
 */
public record Input(String variable, String origin, Optional<SourceLocation> location) {}
