package dev.paved.cluster.prune;

import dev.paved.cluster.object.ObjectRef;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The objects Paved applied for one app in one environment.
 *
 * @param app the app
 * @param namespace where the inventory is kept (the app's namespace)
 * @param objects the objects, sorted
 */
public record Inventory(String app, String namespace, Set<ObjectRef> objects) {

  static final Comparator<ObjectRef> ORDER =
      Comparator.comparing(ObjectRef::toString).thenComparing(ObjectRef::apiVersion);

  public Inventory {
    TreeSet<ObjectRef> sorted = new TreeSet<>(ORDER);
    sorted.addAll(objects);
    objects = java.util.Collections.unmodifiableSortedSet(sorted);
  }

  /** The ConfigMap line of one object: {@code apiVersion kind namespace name}. */
  static String line(ObjectRef ref) {
    return String.join(
        " ",
        ref.apiVersion(),
        ref.kind(),
        ref.namespace().isEmpty() ? "-" : ref.namespace(),
        ref.name());
  }

  static ObjectRef parse(String line) {
    String[] parts = line.strip().split(" ");
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an inventory line: " + line);
    }
    return new ObjectRef(parts[0], parts[1], parts[2].equals("-") ? "" : parts[2], parts[3]);
  }

  List<String> lines() {
    return objects.stream().map(Inventory::line).toList();
  }
}
