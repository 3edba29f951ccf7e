package dev.paved.core.yaml;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.text.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, positioned access to a YAML map for the readers of Paved's files. Every failure names the
 * field by its dotted path and points at the value's line and column.
 */
public final class MapReader {

  private final MapNode map;
  private final String path;

  private MapReader(MapNode map, String path) {
    this.map = map;
    this.path = path;
  }

  /** Wraps a node that must be a map; {@code path} is the field path used in messages. */
  public static MapReader of(Node node, String path) {
    if (node instanceof MapNode mapNode) {
      return new MapReader(mapNode, path);
    }
    throw new InvalidInputException(
        field(path) + "expected a map, found " + node.describe(),
        node.location(),
        "write 'key: value' lines indented under it");
  }

  public MapNode node() {
    return map;
  }

  public SourceLocation location() {
    return map.location();
  }

  /** Fails on the first key not in {@code allowed}, suggesting the closest allowed key. */
  public MapReader allowOnly(Set<String> allowed) {
    for (MapNode.Entry entry : map.entries()) {
      if (!allowed.contains(entry.key())) {
        throw new InvalidInputException(
            "unknown field '" + child(entry.key()) + "'",
            entry.keyLocation(),
            Suggestions.hint(entry.key(), allowed));
      }
    }
    return this;
  }

  public Optional<Node> find(String key) {
    return map.find(key).filter(n -> !(n instanceof ScalarNode s && s.isNull()));
  }

  public Node require(String key) {
    return find(key)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "missing required field '" + child(key) + "'",
                    map.location(),
                    "add '" + key + ":' here"));
  }

  public String requireString(String key) {
    return string(require(key), child(key));
  }

  public Optional<String> findString(String key) {
    return find(key).map(n -> string(n, child(key)));
  }

  public Optional<Long> findInteger(String key) {
    return find(key).map(n -> integer(n, child(key)));
  }

  public Optional<Boolean> findBoolean(String key) {
    return find(key).map(n -> bool(n, child(key)));
  }

  public Optional<MapReader> findMap(String key) {
    return find(key).map(n -> of(n, child(key)));
  }

  /** The list under {@code key}, or an empty list when absent. */
  public List<Node> list(String key) {
    return find(key).map(n -> items(n, child(key))).orElse(List.of());
  }

  /** The strings of the list under {@code key}, or an empty list when absent. */
  public List<String> stringList(String key) {
    List<String> values = new ArrayList<>();
    List<Node> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      values.add(string(items.get(i), child(key) + "[" + i + "]"));
    }
    return values;
  }

  /** Dotted path of a child field, for messages. */
  public String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public static List<Node> items(Node node, String path) {
    if (node instanceof ListNode list) {
      return list.items();
    }
    throw new InvalidInputException(
        field(path) + "expected a list, found " + node.describe(),
        node.location(),
        "write the items as '- item' lines or [a, b]");
  }

  public static String string(Node node, String path) {
    if (node instanceof ScalarNode scalar && scalar.kind() == ScalarNode.Kind.STRING) {
      return scalar.text();
    }
    throw new InvalidInputException(
        field(path) + "expected a string, found " + node.describe(),
        node.location(),
        node instanceof ScalarNode ? "quote the value" : "write a single value");
  }

  public static long integer(Node node, String path) {
    if (node instanceof ScalarNode scalar && scalar.kind() == ScalarNode.Kind.INTEGER) {
      return Long.parseLong(scalar.text());
    }
    throw new InvalidInputException(
        field(path) + "expected an integer, found " + node.describe(),
        node.location(),
        "write a whole number without quotes");
  }

  public static boolean bool(Node node, String path) {
    if (node instanceof ScalarNode scalar && scalar.kind() == ScalarNode.Kind.BOOLEAN) {
      return Boolean.parseBoolean(scalar.text());
    }
    throw new InvalidInputException(
        field(path) + "expected true or false, found " + node.describe(),
        node.location(),
        "write true or false without quotes");
  }

  private static String field(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }
}
