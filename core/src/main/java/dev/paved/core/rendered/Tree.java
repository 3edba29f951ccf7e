package dev.paved.core.rendered;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null-free reads from rendered objects (ordered maps and lists of plain values). Stateless. */
public final class Tree {

  private Tree() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> parent, String... keys) {
    Map<String, Object> current = parent;
    for (String key : keys) {
      Object next = current.get(key);
      if (!(next instanceof Map<?, ?>)) {
        return Map.of();
      }
      current = (Map<String, Object>) next;
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    return list.stream()
        .filter(Map.class::isInstance)
        .map(item -> (Map<String, Object>) item)
        .toList();
  }

  public static List<String> strings(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(String::valueOf).toList();
  }

  public static Optional<String> string(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  public static Optional<Long> number(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value instanceof Number n) {
      return Optional.of(n.longValue());
    }
    if (value instanceof String s && s.matches("-?[0-9]{1,18}")) {
      return Optional.of(Long.parseLong(s));
    }
    return Optional.empty();
  }

  public static boolean isTrue(Map<String, Object> parent, String key) {
    return Boolean.TRUE.equals(parent.get(key));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, String> stringMap(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (!(value instanceof Map<?, ?> map)) {
      return Map.of();
    }
    Map<String, String> result = new java.util.LinkedHashMap<>();
    ((Map<String, Object>) map).forEach((k, v) -> result.put(k, String.valueOf(v)));
    return result;
  }

  /** A map that keeps the order its keys are given in ({@code Map.of}'s order varies by run). */
  public static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
