package dev.paved.core.cost;

import java.util.List;
import java.util.Optional;

/**
 * The monthly cost of one rendered app in one environment.
 *
 * @param app the app
 * @param environment the environment
 * @param target the target whose prices were used
 * @param priceSource where the prices come from, and their date
 * @param lines one line per object that costs money (or whose cost is unknown)
 */
public record CostEstimate(
    String app, String environment, String target, String priceSource, List<CostLine> lines) {

  public CostEstimate {
    lines = List.copyOf(lines);
  }

  /** The total, or empty when any line is unknown (an unknown cost is never counted as zero). */
  public Optional<Range> total() {
    Range sum = Range.ZERO;
    for (CostLine line : lines) {
      if (line.monthly().isEmpty()) {
        return Optional.empty();
      }
      sum = sum.plus(line.monthly().get());
    }
    return Optional.of(sum);
  }

  /** Why the total is unknown; empty when it is known. */
  public List<String> unknownReasons() {
    return lines.stream().flatMap(l -> l.unknown().stream()).distinct().toList();
  }

  public Optional<CostLine> line(String object) {
    return lines.stream().filter(l -> l.object().equals(object)).findFirst();
  }
}
