package dev.paved.core.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Formats estimates and deltas: a text table in the style of a pull-request cost comment, and the
 * documented JSON shape for scripts.
 */
public final class CostReport {

  private CostReport() {}

  public static String money(double dollars) {
    String sign = dollars < 0 ? "-" : "";
    return sign + String.format(Locale.ROOT, "$%,.2f", Math.abs(dollars));
  }

  public static String money(Range range) {
    return Math.abs(range.min() - range.max()) < 0.005
        ? money(range.min())
        : money(range.min()) + "–" + money(range.max());
  }

  static String signed(Range range) {
    String min = (range.min() >= 0 ? "+" : "") + money(range.min());
    if (Math.abs(range.min() - range.max()) < 0.005) {
      return min;
    }
    return min + " to " + (range.max() >= 0 ? "+" : "") + money(range.max());
  }

  /** A table of one estimate. */
  public static String text(CostEstimate estimate) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Monthly cost of %s in %s on %s%n",
            estimate.app(), estimate.environment(), estimate.target()));
    out.append(String.format("Prices: %s%n%n", estimate.priceSource()));
    for (CostLine line : estimate.lines()) {
      out.append(
          String.format(
              "  %-44s %28s%n",
              line.object(), line.monthly().map(CostReport::money).orElse("unknown")));
      out.append(String.format("      %s%n", line.detail()));
    }
    out.append(String.format("%nTotal: %s%n", total(estimate)));
    return out.toString();
  }

  /** A before/after table with the change per object, like a pull-request comment. */
  public static String text(CostDelta delta) {
    StringBuilder out = new StringBuilder();
    CostEstimate after = delta.after();
    out.append(
        String.format(
            "Monthly cost change of %s in %s on %s%n",
            after.app(), after.environment(), after.target()));
    out.append(String.format("Prices: %s%n%n", after.priceSource()));
    out.append(String.format("  %-44s %24s %24s %24s%n", "object", "before", "after", "change"));
    for (CostDelta.Line line : delta.lines()) {
      out.append(
          String.format(
              "%s %-44s %24s %24s %24s%n",
              line.change().mark(),
              line.object(),
              side(line.before()),
              side(line.after()),
              line.delta().map(CostReport::signed).orElse("unknown")));
      line.after()
          .or(line::before)
          .ifPresent(l -> out.append(String.format("      %s%n", l.detail())));
    }
    out.append(
        String.format(
            "%nTotal: %s → %s, %s%n",
            total(delta.before()),
            total(after),
            delta.total().map(d -> signed(d) + percent(delta)).orElse("change unknown")));
    out.append(
        "(+ added, - removed, ~ changed, = unchanged; ranges are min–max replicas or expected–worst-case job hours)\n");
    return out.toString();
  }

  private static String percent(CostDelta delta) {
    Optional<Range> before = delta.before().total();
    if (before.isEmpty() || before.get().max() == 0) {
      return "";
    }
    double pct =
        100 * (delta.after().total().orElseThrow().max() - before.get().max()) / before.get().max();
    return String.format(Locale.ROOT, " (%+.0f%% at max)", pct);
  }

  private static String side(Optional<CostLine> line) {
    return line.map(l -> l.monthly().map(CostReport::money).orElse("unknown")).orElse("—");
  }

  private static String total(CostEstimate estimate) {
    return estimate
        .total()
        .map(CostReport::money)
        .orElse("unknown (" + String.join("; ", estimate.unknownReasons()) + ")");
  }

  public static Map<String, Object> json(CostEstimate estimate) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("app", estimate.app());
    json.put("environment", estimate.environment());
    json.put("target", estimate.target());
    json.put("prices", estimate.priceSource());
    List<Object> lines = new ArrayList<>();
    for (CostLine line : estimate.lines()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("object", line.object());
      item.put("detail", line.detail());
      item.put("monthly", line.monthly().map(CostReport::range).orElse(null));
      line.unknown().ifPresent(reason -> item.put("unknown", reason));
      lines.add(item);
    }
    json.put("lines", lines);
    json.put("total", estimate.total().map(CostReport::range).orElse(null));
    json.put("unknown", estimate.unknownReasons());
    return json;
  }

  public static Map<String, Object> json(CostDelta delta) {
    Map<String, Object> json = json(delta.after());
    json.put("baseline", json(delta.before()));
    json.put("delta", delta.total().map(CostReport::range).orElse(null));
    List<Object> changes = new ArrayList<>();
    for (CostDelta.Line line : delta.lines()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("object", line.object());
      item.put("change", line.change().name().toLowerCase(Locale.ROOT));
      item.put("delta", line.delta().map(CostReport::range).orElse(null));
      changes.add(item);
    }
    json.put("changes", changes);
    return json;
  }

  private static Map<String, Object> range(Range range) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("min", Math.round(range.min() * 100) / 100.0);
    json.put("max", Math.round(range.max() * 100) / 100.0);
    return json;
  }
}
