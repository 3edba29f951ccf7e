package dev.paved.core.cost;

/** Dollars per month at the fewest and at the most replicas (or expected and worst-case runs). */
public record Range(double min, double max) {

  public static final Range ZERO = new Range(0, 0);

  public Range plus(Range other) {
    return new Range(min + other.min, max + other.max);
  }

  public Range minus(Range other) {
    return new Range(min - other.min, max - other.max);
  }

  public Range times(double factor) {
    return new Range(min * factor, max * factor);
  }
}
