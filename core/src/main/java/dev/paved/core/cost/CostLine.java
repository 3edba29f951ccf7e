package dev.paved.core.cost;

import java.util.Optional;

/**
 * The monthly cost of one object.
 *
 * @param object {@code Kind/name}
 * @param detail how it was computed, e.g. "2 × nvidia-a100-80gb at $3.431/GPU-h × 730 h × 1–4
 *     replicas"
 * @param monthly the range, when every price it needs is known
 * @param unknown why the cost is unknown, when it is
 */
public record CostLine(
    String object, String detail, Optional<Range> monthly, Optional<String> unknown) {

  static CostLine known(String object, String detail, Range monthly) {
    return new CostLine(object, detail, Optional.of(monthly), Optional.empty());
  }

  static CostLine unknown(String object, String reason) {
    return new CostLine(object, reason, Optional.empty(), Optional.of(reason));
  }
}
