package dev.paved.core.fuzz;

import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random edits of a CEL expression: tokens inserted or deleted, operators swapped, deep nesting,
 * long strings, unicode, functions that do not exist, operands of the wrong type, and costly shapes
 * (nested comprehensions, values that double at every step). Deterministic for a given {@link
 * Random}.
 */
public final class CelMutations {

  private static final List<String> TOKENS =
      List.of(
          ("( ) [ ] { } . , ? : ! - + * / % == != < <= >= && || in has( size( dyn( int( uint("
                  + " double( string( bytes( type( null true 1 1u 1.5e308 -9223372036854775808"
                  + " 18446744073709551615u 's' \"\"\"x\"\"\" r'\\d' b'\\xff' object object.spec"
                  + " app team env target .all(x, .exists(x, .map(x, .filter(x, .exists_one(x, x _"
                  + " ?. $")
              .split(" "));
  private static final List<String> OPERATORS =
      List.of(
          " + ", " - ", " * ", " / ", " % ", " == ", " != ", " < ", " <= ", " > ", " >= ", " && ",
          " || ", " in ", " ? ", " : ");
  private static final List<String> UNICODE =
      List.of(
          "é",
          "\u0000",
          "\u200b",
          "\u202e",
          "\ud83d\ude00",
          "\ud800",
          "\uffff",
          "（",
          "＝＝",
          "\u00a0",
          "'\\u0041'",
          "'\\U0010FFFF'",
          "'\\ud800'",
          "'\u0301'",
          "\u2028");
  private static final List<String> UNKNOWN =
      List.of(
          "frobnicate(%s)",
          "(%s).noSuchMethod()",
          "math.nope(%s)",
          "gib(object.metadata.name) > 0.0 || %s",
          "gib('48Gi') > 1.0 && %s",
          "%s && object.metadata.name.reverse() == ''",
          "strings.quote(%s)",
          "optional.of(%s)",
          "%s.size",
          "Object{}.x && %s");
  private static final List<String> WRONG_TYPES =
      List.of(
          "(%s) + 1",
          "'s' + (%s)",
          "(%s) == [1]",
          "int(%s) > 0",
          "object.metadata.name * 2 > 0 || %s",
          "object.metadata > 1 || %s",
          "object.spec.replicas / 0 == 1 || %s",
          "object.metadata.name.size() %% 0 == 0 && %s",
          "dyn(object.metadata.name) + 1 == 2 && %s",
          "object.metadata.labels['app.kubernetes.io/name'] < 3 || %s",
          "double(object.metadata.name) > 0.0 || %s",
          "int('9223372036854775808') > 0 || %s",
          "9223372036854775807 + 1 > 0 || %s",
          "uint(-1) > 0u || %s",
          "timestamp(object.metadata.name) > timestamp('2020-01-01T00:00:00Z') || %s",
          "duration('99999999999999h') > duration('1s') || %s",
          "object.kind.matches('(') || %s",
          "object.metadata.name.matches('(a+)+$') || %s",
          "object.metadata[1] == 2 || %s",
          "object.metadata.name.substring(5, 2) == '' || %s",
          "object.kind.charAt(-1) == '' || %s",
          "[1, 'a', 2.0] == [1] || %s",
          "{1: 2, 'a': 3}['a'] == 3 && %s");
  private static final String DIGITS = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
  private static final int[] DEPTHS = {2, 10, 100, 249, 251, 1_000, 5_000};

  private CelMutations() {}

  /** The expression with one to three random edits. */
  public static String mutate(String expression, Random random) {
    String text = expression;
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      text = once(text, random);
    }
    return text;
  }

  private static String once(String text, Random random) {
    int at = random.nextInt(text.length() + 1);
    return switch (random.nextInt(10)) {
      case 0, 9 -> {
        String space = random.nextBoolean() ? " " : "";
        yield text.substring(0, at) + space + pick(TOKENS, random) + space + text.substring(at);
      }
      case 1 ->
          text.substring(0, at)
              + text.substring(Math.min(text.length(), at + 1 + random.nextInt(12)));
      case 2 -> swapOperator(text, random);
      case 3 -> nested(text, DEPTHS[random.nextInt(DEPTHS.length)], random);
      case 4 -> longString(text, random);
      case 5 -> text.substring(0, at) + pick(UNICODE, random) + text.substring(at);
      case 6 -> pick(UNKNOWN, random).formatted(text);
      case 7 -> pick(WRONG_TYPES, random).formatted(text);
      default -> costly(text, 1 + random.nextInt(random.nextBoolean() ? 4 : 12), random);
    };
  }

  private static String swapOperator(String text, Random random) {
    for (String operator : OPERATORS) {
      int at = text.indexOf(operator.strip(), random.nextInt(text.length() + 1));
      if (at >= 0 && random.nextInt(3) == 0) {
        return text.substring(0, at)
            + pick(OPERATORS, random)
            + text.substring(at + operator.strip().length());
      }
    }
    return text + pick(OPERATORS, random) + text;
  }

  private static String nested(String text, int depth, Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> "(".repeat(depth) + text + ")".repeat(depth);
      case 1 -> "!".repeat(depth) + "(" + text + ")";
      case 2 -> "-".repeat(depth) + "1 < 0 || " + text;
      case 3 -> "[".repeat(depth) + "]".repeat(depth) + " != [] || " + text;
      case 4 -> String.join(" + ", Collections.nCopies(depth, "1")) + " > 0 && " + text;
      case 5 -> "has(object" + ".a".repeat(depth) + ") || " + text;
      default -> "(".repeat(depth) + text;
    };
  }

  private static String longString(String text, Random random) {
    int length = new int[] {1_000, 99_000, 100_001, 300_000}[random.nextInt(4)];
    String literal = "'" + "x".repeat(length) + (random.nextInt(4) == 0 ? "" : "'");
    return random.nextBoolean() ? text + " || object.metadata.name == " + literal : literal + text;
  }

  /** Shapes whose cost grows exponentially with {@code depth}. */
  private static String costly(String text, int depth, Random random) {
    String inner = random.nextBoolean() ? "(" + text + ")" : "true";
    String replaced = "'ab'" + ".replace('a', 'aaaaaaaaaa')".repeat(depth);
    return switch (random.nextInt(6)) {
      case 0 -> nest(DIGITS + ".all(x%d, %s)", inner, depth);
      case 1 ->
          nest("[%2$s].map(s%1$d, s%1$d + s%1$d)[0]", "object.metadata.name", depth * 3)
              + ".size() > 0 && "
              + inner;
      case 2 -> replaced + ".size() > 0 && " + inner;
      case 3 -> "[" + replaced + "].all(r, r.replace('a', r) != '') && " + inner;
      case 4 ->
          nest("[%2$s].map(l%1$d, [l%1$d, l%1$d])[0]", "[app]", depth * 5) + " != [] && " + inner;
      default -> nest(DIGITS + ".map(m%d, %s)", DIGITS, depth) + ".size() > 0 && " + inner;
    };
  }

  /** The pattern applied {@code depth} times: %1$d is the level, %2$s the expression inside. */
  private static String nest(String pattern, String inner, int depth) {
    String text = inner;
    for (int level = 0; level < depth; level++) {
      text = pattern.formatted(level, text);
    }
    return text;
  }

  private static String pick(List<String> options, Random random) {
    return options.get(random.nextInt(options.size()));
  }
}
