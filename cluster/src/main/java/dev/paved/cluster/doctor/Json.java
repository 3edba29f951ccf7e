package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Null-safe reads from Kubernetes objects held as JSON trees. */
final class Json {

  private Json() {}

  static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node;
    for (String step : path) {
      current = current == null ? null : current.get(step);
    }
    return current == null
        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
        : current;
  }

  /** The text at {@code path}, or "" when absent or null. */
  static String text(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  static Optional<String> optional(JsonNode node, String... path) {
    String value = text(node, path);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  static int integer(JsonNode node, int otherwise, String... path) {
    JsonNode value = at(node, path);
    return value.isNumber() ? value.asInt() : otherwise;
  }

  static List<JsonNode> list(JsonNode node, String... path) {
    List<JsonNode> items = new ArrayList<>();
    at(node, path).forEach(items::add);
    return items;
  }

  static Map<String, String> strings(JsonNode node, String... path) {
    Map<String, String> values = new LinkedHashMap<>();
    at(node, path).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }

  static Optional<Instant> time(JsonNode node, String... path) {
    return optional(node, path).flatMap(Json::parseTime);
  }

  static Optional<Instant> parseTime(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String kind(JsonNode object) {
    return text(object, "kind");
  }

  static String name(JsonNode object) {
    return text(object, "metadata", "name");
  }

  static String namespace(JsonNode object) {
    return text(object, "metadata", "namespace");
  }

  static String uid(JsonNode object) {
    return text(object, "metadata", "uid");
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} for cluster-scoped objects. */
  static String ref(JsonNode object) {
    String namespace = namespace(object);
    return kind(object) + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name(object);
  }

  /** The condition of {@code type} in {@code status.conditions}, or a missing node. */
  static JsonNode condition(JsonNode object, String type) {
    for (JsonNode condition : list(object, "status", "conditions")) {
      if (type.equals(text(condition, "type"))) {
        return condition;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
