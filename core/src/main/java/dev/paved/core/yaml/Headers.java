package dev.paved.core.yaml;

import dev.paved.core.error.InvalidInputException;

/** Checks the {@code apiVersion} and {@code kind} header shared by Paved's platform files. */
public final class Headers {

  public static final String API_VERSION = "paved.dev/v1alpha1";

  private Headers() {}

  public static void require(MapReader root, String kind) {
    String apiVersion = root.requireString("apiVersion");
    if (!API_VERSION.equals(apiVersion)) {
      throw new InvalidInputException(
          "apiVersion: '" + apiVersion + "' is not supported",
          root.require("apiVersion").location(),
          "use apiVersion: " + API_VERSION);
    }
    String found = root.requireString("kind");
    if (!kind.equals(found)) {
      throw new InvalidInputException(
          "kind: expected " + kind + ", found '" + found + "'",
          root.require("kind").location(),
          "this file must have kind: " + kind);
    }
  }

  /**
   * Reads a platform file: one YAML document with only {@code apiVersion}, {@code kind}, {@code
   * metadata} and {@code spec}, of the given kind.
   */
  public static MapReader document(YamlReader yaml, String file, String text, String kind) {
    MapReader root =
        MapReader.of(yaml.readOne(file, text), "")
            .allowOnly(java.util.Set.of("apiVersion", "kind", "metadata", "spec"));
    require(root, kind);
    return root;
  }

  /** The {@code metadata.name} of a platform file, which must be a DNS-1123 label. */
  public static String name(MapReader metadata) {
    String name = metadata.requireString("name");
    if (!dev.paved.core.text.Names.isDnsLabel(name)) {
      throw new dev.paved.core.error.InvalidInputException(
          "metadata.name: '" + name + "' is not a DNS-1123 label",
          metadata.require("name").location(),
          "try '" + dev.paved.core.text.Names.toDnsLabel(name) + "'");
    }
    return name;
  }
}
