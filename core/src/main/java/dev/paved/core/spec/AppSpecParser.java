package dev.paved.core.spec;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.text.Names;
import dev.paved.core.text.SecretDetector;
import dev.paved.core.yaml.Headers;
import dev.paved.core.yaml.MapNode;
import dev.paved.core.yaml.MapReader;
import dev.paved.core.yaml.Node;
import dev.paved.core.yaml.YamlReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses {@code paved.yaml}. Stateless and thread-safe. Every problem is an {@link
 * InvalidInputException} with file, line and column, the field, and a hint.
 */
public final class AppSpecParser {

  public static final String KIND = "App";

  /** The top-level fields of an app spec; the JSON Schema is generated from the same list. */
  public static final List<String> FIELDS =
      List.of("apiVersion", "kind", "app", "team", "path", "with", "secrets", "environments");

  public static final List<String> ENVIRONMENT_FIELDS = List.of("with");
  public static final Pattern SECRET_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,252}");
  public static final Pattern PATH_REF =
      Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)(@([0-9]+(\\.[0-9]+){0,2}))?");

  private final YamlReader yaml = new YamlReader();

  public AppSpec parse(String file, String text) {
    MapReader root = MapReader.of(yaml.readOne(file, text), "").allowOnly(Set.copyOf(FIELDS));
    Headers.require(root, KIND);
    return new AppSpec(
        label(root, "app"),
        label(root, "team"),
        pathRef(root),
        root.findMap("with").map(MapReader::node),
        secrets(root),
        environments(root),
        root.location());
  }

  private static String label(MapReader root, String key) {
    String value = root.requireString(key);
    boolean valid = key.equals("app") ? Names.isDns1035Label(value) : Names.isDnsLabel(value);
    if (!valid) {
      throw new InvalidInputException(
          key
              + ": '"
              + value
              + "' is not a valid name (lower-case letters, digits and '-', at most 63"
              + (key.equals("app") ? ", starting with a letter)" : ")"),
          root.require(key).location(),
          "try '" + Names.toDnsLabel(value) + "'");
    }
    return value;
  }

  private static PathRef pathRef(MapReader root) {
    String value = root.requireString("path");
    SourceLocation where = root.require("path").location();
    var matcher = PATH_REF.matcher(value);
    if (!matcher.matches()) {
      throw new InvalidInputException(
          "path: '" + value + "' is not a golden path reference",
          where,
          "write a name such as llm-inference, optionally pinned: llm-inference@1");
    }
    return new PathRef(matcher.group(1), Optional.ofNullable(matcher.group(4)), where);
  }

  private static List<SecretRef> secrets(MapReader root) {
    List<SecretRef> secrets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<Node> items = root.list("secrets");
    for (int i = 0; i < items.size(); i++) {
      String field = "secrets[" + i + "]";
      Node item = items.get(i);
      String name = MapReader.string(item, field);
      Optional<String> leaked = SecretDetector.looksLikeSecret(name);
      if (leaked.isPresent()) {
        throw new InvalidInputException(
            field
                + ": this looks like "
                + leaked.get()
                + ", not a secret name; secret values must never be written in a spec",
            item.location(),
            "write only the name, e.g. HF_TOKEN, and remove the value from this file and its Git history");
      }
      if (!SECRET_NAME.matcher(name).matches()) {
        throw new InvalidInputException(
            field + ": '" + name + "' is not a secret name (upper-case letters, digits and '_')",
            item.location(),
            "write it like an environment variable, e.g. "
                + name.toUpperCase().replaceAll("[^A-Z0-9_]", "_"));
      }
      if (!seen.add(name)) {
        throw new InvalidInputException(
            field + ": '" + name + "' is listed twice", item.location(), "remove the duplicate");
      }
      secrets.add(new SecretRef(name, item.location()));
    }
    return secrets;
  }

  private static Map<String, AppSpec.EnvironmentOverride> environments(MapReader root) {
    Map<String, AppSpec.EnvironmentOverride> environments = new LinkedHashMap<>();
    Optional<MapReader> section = root.findMap("environments");
    for (MapNode.Entry entry :
        section.map(MapReader::node).map(MapNode::entries).orElse(List.of())) {
      if (!Names.isDnsLabel(entry.key())) {
        throw new InvalidInputException(
            "environments: '" + entry.key() + "' is not a valid environment name",
            entry.keyLocation(),
            "try '" + Names.toDnsLabel(entry.key()) + "'");
      }
      String field = "environments." + entry.key();
      boolean empty = entry.value() instanceof dev.paved.core.yaml.ScalarNode s && s.isNull();
      Optional<MapNode> with = Optional.empty();
      if (!empty) {
        MapReader env =
            MapReader.of(entry.value(), field).allowOnly(Set.copyOf(ENVIRONMENT_FIELDS));
        with = env.findMap("with").map(MapReader::node);
      }
      environments.put(entry.key(), new AppSpec.EnvironmentOverride(with, entry.keyLocation()));
    }
    return environments;
  }
}
