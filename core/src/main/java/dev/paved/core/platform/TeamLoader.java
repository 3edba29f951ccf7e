package dev.paved.core.platform;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.text.Names;
import dev.paved.core.yaml.Headers;
import dev.paved.core.yaml.MapNode;
import dev.paved.core.yaml.MapReader;
import dev.paved.core.yaml.ScalarNode;
import dev.paved.core.yaml.YamlReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code Team} files. Stateless and thread-safe. */
public final class TeamLoader {

  private final YamlReader yaml = new YamlReader();

  public Team load(String file, String text) {
    MapReader root = Headers.document(yaml, file, text, "Team");
    String name =
        Headers.name(MapReader.of(root.require("metadata"), "metadata").allowOnly(Set.of("name")));
    MapReader spec =
        root.findMap("spec")
            .orElse(MapReader.of(new MapNode(List.of(), root.location()), "spec"))
            .allowOnly(Set.of("members", "namespaces", "monthlyBudget"));
    Map<String, String> namespaces = new LinkedHashMap<>();
    spec.findMap("namespaces")
        .ifPresent(
            map ->
                map.node()
                    .entries()
                    .forEach(
                        e -> {
                          String namespace = MapReader.string(e.value(), map.child(e.key()));
                          if (!Names.isDnsLabel(namespace)) {
                            throw new InvalidInputException(
                                map.child(e.key())
                                    + ": '"
                                    + namespace
                                    + "' is not a valid namespace",
                                e.value().location(),
                                "try '" + Names.toDnsLabel(namespace) + "'");
                          }
                          namespaces.put(e.key(), namespace);
                        }));
    Optional<Double> budget =
        spec.find("monthlyBudget")
            .map(
                node -> {
                  if (node instanceof ScalarNode s
                      && (s.kind() == ScalarNode.Kind.INTEGER
                          || s.kind() == ScalarNode.Kind.FLOAT)) {
                    return Double.parseDouble(s.text());
                  }
                  throw new InvalidInputException(
                      "spec.monthlyBudget: expected dollars as a number, found " + node.describe(),
                      node.location(),
                      "write e.g. 5000");
                });
    return new Team(name, spec.stringList("members"), namespaces, budget);
  }
}
