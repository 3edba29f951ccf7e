package dev.paved.core.cost;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The change between two estimates of the same app, per object and in total — the cost section of a
 * change request.
 *
 * @param before the estimate of the current spec
 * @param after the estimate of the changed spec
 */
public record CostDelta(CostEstimate before, CostEstimate after) {

  /** How an object's line changed. */
  public enum Change {
    ADDED("+"),
    REMOVED("-"),
    CHANGED("~"),
    UNCHANGED("=");

    private final String mark;

    Change(String mark) {
      this.mark = mark;
    }

    public String mark() {
      return mark;
    }
  }

  /** One object's cost before and after. */
  public record Line(
      String object, Optional<CostLine> before, Optional<CostLine> after, Change change) {

    /** The change in dollars, when both sides are known (a missing side counts as zero). */
    public Optional<Range> delta() {
      Optional<Range> old = before.isEmpty() ? Optional.of(Range.ZERO) : before.get().monthly();
      Optional<Range> now = after.isEmpty() ? Optional.of(Range.ZERO) : after.get().monthly();
      return old.flatMap(o -> now.map(n -> n.minus(o)));
    }
  }

  public List<Line> lines() {
    Set<String> objects = new LinkedHashSet<>();
    before.lines().forEach(l -> objects.add(l.object()));
    after.lines().forEach(l -> objects.add(l.object()));
    List<Line> lines = new ArrayList<>();
    for (String object : objects) {
      Optional<CostLine> old = before.line(object);
      Optional<CostLine> now = after.line(object);
      Change change =
          old.isEmpty()
              ? Change.ADDED
              : now.isEmpty()
                  ? Change.REMOVED
                  : old.get().monthly().equals(now.get().monthly())
                          && old.get().detail().equals(now.get().detail())
                      ? Change.UNCHANGED
                      : Change.CHANGED;
      lines.add(new Line(object, old, now, change));
    }
    return lines;
  }

  /** The change of the total, when both totals are known. */
  public Optional<Range> total() {
    return before.total().flatMap(b -> after.total().map(a -> a.minus(b)));
  }
}
