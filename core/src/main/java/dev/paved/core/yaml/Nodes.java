package dev.paved.core.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts {@link Node} trees to plain ordered Java values (maps, lists, scalars). */
public final class Nodes {

  private Nodes() {}

  /** The value as plain Java; null scalars inside maps and lists are left out. */
  public static Object plain(Node node) {
    return switch (node) {
      case MapNode map -> {
        Map<String, Object> values = new LinkedHashMap<>();
        map.entries().stream()
            .filter(e -> !(e.value() instanceof ScalarNode s && s.isNull()))
            .forEach(e -> values.put(e.key(), plain(e.value())));
        yield values;
      }
      case ListNode list -> {
        List<Object> values = new ArrayList<>();
        list.items().stream()
            .filter(i -> !(i instanceof ScalarNode s && s.isNull()))
            .forEach(i -> values.add(plain(i)));
        yield values;
      }
      case ScalarNode scalar -> scalar.plainValue();
    };
  }
}
