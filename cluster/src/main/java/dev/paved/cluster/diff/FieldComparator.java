package dev.paved.cluster.diff;

import dev.paved.core.path.FieldPaths;
import dev.paved.core.text.Quantities;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the leaves of a desired object with the same paths of the live one. Only what the
 * desired object sets is compared, so defaults the API server fills in and fields other managers
 * own never count as drift. Lists of maps with a {@code name} (containers, env, ports, volumes) are
 * matched by name, other lists by position.
 */
final class FieldComparator {

  private FieldComparator() {}

  static void compare(String path, Object desired, Object live, List<Drift.FieldChange> out) {
    if (desired instanceof Map<?, ?> want) {
      Map<?, ?> have = live instanceof Map<?, ?> m ? m : Map.of();
      want.forEach(
          (key, value) ->
              compare(FieldPaths.child(path, String.valueOf(key)), value, have.get(key), out));
    } else if (desired instanceof List<?> want) {
      List<?> have = live instanceof List<?> l ? l : List.of();
      for (int i = 0; i < want.size(); i++) {
        Object item = want.get(i);
        compare(FieldPaths.index(path, i), item, counterpart(item, i, have), out);
      }
    } else if (!same(desired, live)) {
      out.add(
          new Drift.FieldChange(
              path, String.valueOf(desired), live == null ? "" : String.valueOf(live)));
    }
  }

  private static Object counterpart(Object item, int index, List<?> live) {
    if (item instanceof Map<?, ?> map && map.get("name") != null) {
      return live.stream()
          .filter(l -> l instanceof Map<?, ?> m && Objects.equals(m.get("name"), map.get("name")))
          .findFirst()
          .orElse(null);
    }
    return index < live.size() ? live.get(index) : null;
  }

  /**
   * Equal in meaning: {@code 1} = {@code "1"}, {@code 1000m} = {@code 1}, {@code 1Gi} = {@code
   * 1024Mi}.
   */
  static boolean same(Object desired, Object live) {
    if (live == null) {
      return desired == null;
    }
    if (String.valueOf(desired).equals(String.valueOf(live))) {
      return true;
    }
    Optional<Double> a = Quantities.value(desired);
    Optional<Double> b = Quantities.value(live);
    return a.isPresent()
        && b.isPresent()
        && Math.abs(a.get() - b.get()) < 1e-9 * Math.max(1, Math.abs(a.get()));
  }
}
