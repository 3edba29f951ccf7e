package dev.paved.core.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cel.common.types.SimpleType;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expressions that would hold a thread for hours or fill the heap fail like any other evaluation
 * error, with their position; the bound on each test guards against a hang, it is not a speed
 * assertion.
 */
class EvaluationBudgetTest {

  private static final ExpressionEnvironment ENVIRONMENT =
      ExpressionEnvironment.of(Map.of("s", SimpleType.STRING));
  private static final String DIGITS = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
  private static final String MILLION_A = "'aaaaaaaaaa'" + ".replace('a', 'aaaaaaaaaa')".repeat(5);

  private static Optional<Object> evaluate(String text) {
    CompiledExpression expression =
        ENVIRONMENT.compile(text, new SourceLocation("policy.yaml", 7, 19));
    return assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> expression.evaluate(new CompiledExpression.Bindings(Map.of("s", "chat"))));
  }

  static Stream<Arguments> costlyExpressions() {
    String doubled = nest("[%2$s].map(x%1$d, x%1$d + x%1$d)[0]", DIGITS + ".map(d, 'x')", 10);
    return Stream.of(
        Arguments.of(
            "nested comprehensions",
            nest(DIGITS + ".all(x%d, %s)", "true", 8),
            "Iteration budget exceeded"),
        Arguments.of(
            "a string that doubles",
            nest("[%2$s].map(x%1$d, x%1$d + x%1$d)[0]", "s", 40) + " != ''",
            "a value of more than"),
        Arguments.of(
            "a list nested in itself",
            nest("[%2$s].map(x%1$d, [x%1$d, x%1$d])[0]", "[s]", 60) + " == []",
            "characters or items"),
        Arguments.of(
            "replace() by itself",
            "[" + MILLION_A + "].all(x, x.replace('a', x) != '')",
            "replace() would build"),
        Arguments.of(
            "join() with a long separator",
            "[" + MILLION_A + "].all(sep, " + doubled + ".join(sep) != '')",
            "join() would build"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("costlyExpressions")
  void aCostlyExpressionFailsWithItsPosition(String shape, String text, String reason) {
    assertThatThrownBy(() -> evaluate(text))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).oneLine())
                    .startsWith("policy.yaml:7:19: ")
                    .contains(reason));
  }

  @Test
  void anOrdinaryExpressionIsWellWithinTheBudget() {
    assertThat(evaluate("s.replace('a', 'aa') + '-' + " + DIGITS + ".map(d, string(d)).join(',')"))
        .contains("chaat-0,1,2,3,4,5,6,7,8,9");
    assertThat(evaluate(nest(DIGITS + ".all(x%d, %s)", "true", 3))).contains(true);
  }

  /** The pattern applied {@code depth} times: %1$d is the level, %2$s the inner expression. */
  private static String nest(String pattern, String inner, int depth) {
    String text = inner;
    for (int level = 0; level < depth; level++) {
      text = pattern.formatted(level, text);
    }
    return text;
  }
}
