package dev.paved.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.random.RandomGenerator;

/**
 * Builds a valid JSON value for a schema of the OpenAPI document: objects get their required fields
 * and every field with a seed, enums a member, strings a seed for their field's name. That is the
 * start a mutation spoils.
 */
public final class Schemas {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final JsonNode document;
  private final Seeds seeds;

  public Schemas(JsonNode document, Seeds seeds) {
    this.document = document;
    this.seeds = seeds;
  }

  public JsonNode valid(JsonNode schema, RandomGenerator random) {
    return value(resolve(schema), "", random);
  }

  private JsonNode value(JsonNode schema, String name, RandomGenerator random) {
    if (schema.has("allOf")) {
      ObjectNode merged = JSON.objectNode();
      schema.path("allOf").forEach(part -> merged.setAll((ObjectNode) valid(part, random)));
      return merged;
    }
    if (schema.has("enum")) {
      JsonNode options = schema.path("enum");
      return options.get(random.nextInt(options.size()));
    }
    if (schema.has("const")) {
      return schema.path("const");
    }
    return switch (schema.path("type").asText(schema.has("properties") ? "object" : "string")) {
      case "object" -> object(schema, random);
      case "array" -> array(schema, name, random);
      case "integer", "number" -> JSON.numberNode(schema.path("minimum").asLong(1));
      case "boolean" -> JSON.booleanNode(random.nextBoolean());
      default -> JSON.textNode(seeds.valid(name, random));
    };
  }

  private ObjectNode object(JsonNode schema, RandomGenerator random) {
    ObjectNode object = JSON.objectNode();
    java.util.Set<String> required = new java.util.HashSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    schema
        .path("properties")
        .properties()
        .forEach(
            field -> {
              String name = field.getKey();
              if (required.contains(name) || seeds.byName().containsKey(name)) {
                object.set(name, value(resolve(field.getValue()), name, random));
              }
            });
    return object;
  }

  private ArrayNode array(JsonNode schema, String name, RandomGenerator random) {
    ArrayNode array = JSON.arrayNode();
    JsonNode items = resolve(schema.path("items"));
    if ("string".equals(items.path("type").asText("string")) && !items.has("enum")) {
      array.add(seeds.valid(name, random));
    } else {
      array.add(value(items, name, random));
    }
    return array;
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode resolved = schema;
    while (resolved.has("$ref")) {
      resolved = document.at(resolved.path("$ref").asText().substring(1));
    }
    return resolved;
  }
}
