package dev.paved.core.cel;

import com.google.protobuf.ByteString;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one evaluation may spend. CEL-Java has no cost limit of its own, so an expression in a
 * policy or a golden path could otherwise hold a thread for hours or fill the heap: a value that
 * doubles at every step, {@code s.replace('a', s)}, a list nested in itself compared with {@code
 * ==}. This listener sees every evaluated node and stops the evaluation (the runtime turns the
 * exception into an evaluation error) after {@link #MAX_STEPS} nodes or {@link #MAX_TIME}, at a
 * value heavier than {@link #MAX_WEIGHT}, before a {@code replace()} or {@code join()} whose result
 * would be, and when the values it built weigh more than {@link #MAX_BUILT} together. Comprehension
 * iterations are bounded by the runtime's options ({@link #MAX_ITERATIONS}).
 *
 * <p>Weights are remembered by identity, which holds because CEL values are immutable. One per
 * evaluation; not thread-safe.
 */
final class EvaluationBudget implements CelEvaluationListener {

  static final int MAX_ITERATIONS = 10_000;
  static final long MAX_STEPS = 100_000;
  static final long MAX_WEIGHT = 4_000_000;
  static final long MAX_BUILT = 20_000_000;

  /** A backstop for steps that are each costly but within the weights; far above any real use. */
  static final Duration MAX_TIME = Duration.ofSeconds(2);

  /** The calls checked before they run: their argument ids, receiver first. */
  record Guards(Map<Long, Call> byLastArgument, Set<Long> arguments) {

    record Call(String function, List<Long> arguments) {}

    static Guards of(CelAbstractSyntaxTree ast) {
      Map<Long, Call> calls = new HashMap<>();
      CelNavigableAst.fromAst(ast)
          .getRoot()
          .allNodes()
          .map(CelNavigableExpr::expr)
          .filter(e -> e.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL)
          .map(CelExpr::call)
          .filter(c -> c.function().equals("replace") || c.function().equals("join"))
          .forEach(
              c -> {
                List<Long> ids = new ArrayList<>();
                c.target().ifPresent(t -> ids.add(t.id()));
                c.args().forEach(a -> ids.add(a.id()));
                calls.put(ids.getLast(), new Call(c.function(), List.copyOf(ids)));
              });
      Set<Long> arguments = new HashSet<>();
      calls.values().forEach(c -> arguments.addAll(c.arguments()));
      return new Guards(Map.copyOf(calls), Set.copyOf(arguments));
    }
  }

  private final Guards guards;
  private final long deadline = System.nanoTime() + MAX_TIME.toNanos();
  private final Map<Object, Long> weights = new IdentityHashMap<>();
  private final Map<Long, Object> arguments = new HashMap<>();
  private long steps;
  private long built;
  private String exceeded;

  EvaluationBudget(Guards guards) {
    this.guards = guards;
  }

  @Override
  public void callback(CelExpr expr, Object value) {
    if (exceeded != null) {
      // CEL absorbs an error under || and keeps looping under all(): fail every step after it
      throw new Exceeded(exceeded);
    }
    if (++steps > MAX_STEPS || System.nanoTime() > deadline) {
      exceed(String.format("more than %,d steps or %d seconds", MAX_STEPS, MAX_TIME.toSeconds()));
    }
    long weight = weight(value);
    if (weight > MAX_WEIGHT) {
      exceed(String.format("a value of more than %,d characters or items", MAX_WEIGHT));
    }
    if (builds(expr) && (built += weight) > MAX_BUILT) {
      exceed(String.format("more than %,d characters or items built", MAX_BUILT));
    }
    if (guards.arguments().contains(expr.id())) {
      arguments.put(expr.id(), value);
      Guards.Call call = guards.byLastArgument().get(expr.id());
      if (call != null && resultWeight(call) > MAX_WEIGHT) {
        exceed(
            String.format(
                "%s() would build more than %,d characters", call.function(), MAX_WEIGHT));
      }
    }
  }

  private void exceed(String reason) {
    exceeded = "too costly: " + reason;
    throw new Exceeded(exceeded);
  }

  /** Whether the node makes a new value (an index or a field only points into one). */
  private static boolean builds(CelExpr expr) {
    return switch (expr.exprKind().getKind()) {
      case CALL -> !expr.call().function().startsWith("_[");
      case LIST, MAP, STRUCT -> true;
      default -> false;
    };
  }

  /** An upper bound of the call's result length; 0 when the arguments are not what it takes. */
  private long resultWeight(Guards.Call call) {
    List<Object> values = call.arguments().stream().map(arguments::get).toList();
    if (call.function().equals("join") && values.getFirst() instanceof List<?> items) {
      long separator = values.size() > 1 && values.get(1) instanceof String s ? s.length() : 0;
      long total = Math.max(0, items.size() - 1) * separator;
      for (Object item : items) {
        total += item instanceof String s ? s.length() : 0;
      }
      return total;
    }
    if (values.size() >= 3
        && values.get(0) instanceof String text
        && values.get(1) instanceof String old
        && values.get(2) instanceof String replacement) {
      long times = old.isEmpty() ? text.length() + 1L : text.length() / old.length();
      if (values.size() > 3 && values.get(3) instanceof Long limit && limit >= 0) {
        times = Math.min(times, limit);
      }
      return text.length() + times * replacement.length();
    }
    return 0;
  }

  /** Characters of strings and bytes, plus items of lists and maps, counted through nesting. */
  private long weight(Object value) {
    return switch (value) {
      case String s -> s.length();
      case ByteString b -> b.size();
      case CelByteString b -> b.size();
      case Collection<?> c -> nested(c, c);
      case Map<?, ?> m -> nested(m, m.entrySet());
      case null, default -> 1;
    };
  }

  private long nested(Object container, Collection<?> items) {
    Long known = weights.get(container);
    if (known != null) {
      return known;
    }
    long total = items.size();
    for (Object item : items) {
      total +=
          item instanceof Map.Entry<?, ?> e
              ? weight(e.getKey()) + weight(e.getValue())
              : weight(item);
      if (total > MAX_WEIGHT) {
        break;
      }
    }
    weights.put(container, total);
    return total;
  }

  /** Thrown inside the runtime, which reports it as an evaluation error. */
  private static final class Exceeded extends RuntimeException {
    Exceeded(String message) {
      super(message, null, false, false);
    }
  }
}
