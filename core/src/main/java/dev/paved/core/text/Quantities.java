package dev.paved.core.text;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes quantities as numbers: CPU in cores, memory and storage in GiB. */
public final class Quantities {

  private static final Pattern QUANTITY =
      Pattern.compile(
          "([+-]?[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?");
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final Map<String, Double> FACTORS =
      Map.ofEntries(
          Map.entry("", 1.0),
          Map.entry("m", 1e-3),
          Map.entry("k", 1e3),
          Map.entry("M", 1e6),
          Map.entry("G", 1e9),
          Map.entry("T", 1e12),
          Map.entry("P", 1e15),
          Map.entry("E", 1e18),
          Map.entry("Ki", 1024.0),
          Map.entry("Mi", 1024.0 * 1024),
          Map.entry("Gi", GIB),
          Map.entry("Ti", GIB * 1024),
          Map.entry("Pi", GIB * 1024 * 1024),
          Map.entry("Ei", GIB * 1024 * 1024 * 1024));

  private Quantities() {}

  /** The quantity as a plain number ({@code 500m} → 0.5, {@code 2Gi} → 2147483648). */
  public static Optional<Double> value(Object quantity) {
    if (quantity instanceof Number n) {
      return Optional.of(n.doubleValue());
    }
    Matcher m = QUANTITY.matcher(String.valueOf(quantity).strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String suffix = m.group(2) == null ? "" : m.group(2);
    return Optional.of(new BigDecimal(m.group(1)).doubleValue() * FACTORS.get(suffix));
  }

  /** CPU cores. */
  public static Optional<Double> cores(Object quantity) {
    return value(quantity);
  }

  /** Bytes as GiB. */
  public static Optional<Double> gib(Object quantity) {
    return value(quantity).map(bytes -> bytes / GIB);
  }
}
