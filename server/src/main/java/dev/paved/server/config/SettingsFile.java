package dev.paved.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.error.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings file ({@code server.yaml}) read into flat keys, and the number parsing every section
 * shares.
 */
final class SettingsFile {

  private SettingsFile() {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * The file's keys flattened ({@code db: {url: …}} → {@code db.url}); unknown keys are refused.
   */
  static Map<String, String> read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var at = e.getLocation();
      throw new InvalidInputException(
          "not valid YAML: " + e.getOriginalMessage(),
          Optional.of(
              new SourceLocation(
                  file.toString(),
                  at == null ? 1 : Math.max(1, at.getLineNr()),
                  at == null ? 1 : Math.max(1, at.getColumnNr()))),
          "write key: value lines; see docs/server.md",
          e);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot read " + file + ": " + e.getMessage(), "check the file's permissions", false, e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      flatten("", root, values, file);
    }
    return values;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into, Path file) {
    if (!node.isObject()) {
      throw new InvalidInputException(
          "the settings file must be a map of keys",
          SourceLocation.ofFile(file.toString()),
          "see docs/server.md for the keys");
    }
    node.fields()
        .forEachRemaining(
            e -> {
              String key = prefix + e.getKey();
              if (e.getValue().isObject()) {
                flatten(key + ".", e.getValue(), into, file);
              } else if (!SettingsLoader.KEYS.contains(key)) {
                throw new InvalidInputException(
                    "unknown setting '" + key + "'",
                    SourceLocation.ofFile(file.toString()),
                    "the settings are " + SettingsLoader.KEYS);
              } else {
                into.put(key, e.getValue().asText());
              }
            });
  }

  static int number(String text, String key) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(key + " is '" + text + "', not a whole number", "write a number");
    }
  }
}
