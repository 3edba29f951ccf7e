package dev.paved.core.cel;

import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import java.util.Map;
import java.util.Optional;

/**
 * A CEL expression checked against an {@link ExpressionEnvironment}, with the variables it reads
 * ({@code references}, for provenance). Immutable and thread-safe; evaluation returns plain Java
 * values (String, Long, Double, Boolean, List, Map) or {@link Optional#empty()} for CEL {@code
 * null}. Each evaluation runs within an {@link EvaluationBudget}: one that would cost too much
 * fails like any other evaluation error.
 */
public record CompiledExpression(
    String text,
    SourceLocation location,
    CelType resultType,
    CelRuntime.Program program,
    java.util.SortedSet<String> references,
    EvaluationBudget.Guards guards) {

  public CompiledExpression {
    references = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(references));
  }

  /** Evaluates with the given bindings; a runtime error becomes a positioned input error. */
  public Optional<Object> evaluate(Bindings bindings) {
    try {
      // a resolver reads the bindings in place; eval(Map) would copy them on every call
      Object value =
          program.trace(
              name -> java.util.Optional.ofNullable(bindings.values().get(name)),
              new EvaluationBudget(guards));
      return PlainValues.fromCel(value);
    } catch (CelEvaluationException e) {
      throw new InvalidInputException(
          "expression '"
              + ExpressionEnvironment.shorten(text)
              + "' failed: "
              + firstLine(e.getMessage()),
          Optional.of(location),
          "guard the expression (has(), size() checks) or fix the input it reads",
          e);
    }
  }

  /** Evaluates an expression that must be boolean (includeWhen). */
  public boolean test(Bindings bindings) {
    return evaluate(bindings).map(Boolean.TRUE::equals).orElse(false);
  }

  /** The values bound to variable names for one evaluation (a read-only view, not a copy). */
  public record Bindings(Map<String, Object> values) {
    public Bindings {
      values = java.util.Collections.unmodifiableMap(values);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "evaluation error" : message.lines().findFirst().orElse(message);
  }
}
