package dev.paved.core.cel;

import com.google.protobuf.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Converts CEL results into plain, ordered Java values. */
final class PlainValues {

  private PlainValues() {}

  static Optional<Object> fromCel(Object value) {
    if (value == null
        || value instanceof NullValue
        || value instanceof dev.cel.common.values.NullValue) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> fromCel(v).ifPresent(plain -> copy.put(String.valueOf(k), plain)));
      return Optional.of(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> fromCel(item).ifPresent(copy::add));
      return Optional.of(copy);
    }
    if (value instanceof Integer i) {
      return Optional.of(i.longValue());
    }
    if (value instanceof com.google.common.primitives.UnsignedLong u) {
      return Optional.of(u.longValue());
    }
    return Optional.of(value);
  }
}
