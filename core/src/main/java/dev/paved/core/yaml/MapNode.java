package dev.paved.core.yaml;

import dev.paved.core.error.SourceLocation;
import java.util.List;
import java.util.Optional;

/** A YAML mapping with its entries in written order. Keys are unique (the reader enforces it). */
public record MapNode(List<Entry> entries, SourceLocation location) implements Node {

  /** One key and its value, with the key's own position. */
  public record Entry(String key, SourceLocation keyLocation, Node value) {}

  public MapNode {
    entries = List.copyOf(entries);
  }

  public Optional<Node> find(String key) {
    return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
  }

  /** The node at a path of keys below this map, e.g. {@code at("replicas", "min")}. */
  public Optional<Node> at(List<String> keys) {
    Optional<Node> current = Optional.of(this);
    for (String key : keys) {
      current = current.get() instanceof MapNode map ? map.find(key) : Optional.empty();
      if (current.isEmpty()) {
        break;
      }
    }
    return current;
  }

  public List<String> keys() {
    return entries.stream().map(Entry::key).toList();
  }

  @Override
  public String describe() {
    return "a map";
  }
}
