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
}
