package dev.paved.core.schema;

import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.ParamType;
import dev.paved.core.path.Parameter;
import dev.paved.core.rendered.Tree;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.core.yaml.Headers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the JSON Schema (draft 2020-12) of {@code paved.yaml} for editors. Top-level fields
 * come from {@link AppSpecParser#FIELDS}; each golden path adds an {@code if path = NAME then with:
 * ...} branch from its parameter schema, so editors complete parameters per path. A test compares
 * the committed {@code schema/paved.schema.json} with this output.
 */
public final class SpecSchemaGenerator {

  private SpecSchemaGenerator() {}

  public static Map<String, Object> generate(List<GoldenPath> paths) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", "https://paved.dev/schemas/paved.schema.json");
    schema.put("title", "Paved app spec (paved.yaml)");
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    schema.put("required", List.of("apiVersion", "kind", "app", "team", "path"));
    schema.put("properties", topLevel());
    List<Object> branches = new ArrayList<>();
    for (GoldenPath path : paths) {
      branches.add(branch(path));
    }
    schema.put("allOf", branches);
    return schema;
  }

  /** The JSON Schema of one path's {@code with:} block: what a form for the path asks. */
  public static Map<String, Object> parametersOf(GoldenPath path) {
    return parameters(path.parameters(), true);
  }

  private static Map<String, Object> topLevel() {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (String field : AppSpecParser.FIELDS) {
      properties.put(field, field(field));
    }
    return properties;
  }

  private static Map<String, Object> field(String field) {
    String dnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    return switch (field) {
      case "apiVersion" -> Tree.ordered("const", Headers.API_VERSION);
      case "kind" -> Tree.ordered("const", AppSpecParser.KIND);
      case "app" ->
          described(
              "string",
              "the app's name, a DNS-1123 label",
              Tree.ordered("pattern", dnsLabel, "maxLength", 63));
      case "team" ->
          described(
              "string",
              "the owning team, a DNS-1123 label",
              Tree.ordered("pattern", dnsLabel, "maxLength", 63));
      case "path" ->
          described(
              "string",
              "golden path, optionally pinned: llm-inference or llm-inference@1",
              Tree.ordered("pattern", "^" + AppSpecParser.PATH_REF.pattern() + "$"));
      case "with" -> described("object", "parameters of the golden path", Map.of());
      case "secrets" ->
          described(
              "array",
              "names of the secrets the app needs; values never go in this file",
              Tree.ordered(
                  "uniqueItems",
                  true,
                  "items",
                  Tree.ordered(
                      "type",
                      "string",
                      "pattern",
                      "^" + AppSpecParser.SECRET_NAME.pattern() + "$")));
      case "environments" ->
          described(
              "object",
              "per-environment overrides",
              Tree.ordered(
                  "propertyNames",
                  Tree.ordered("pattern", dnsLabel),
                  "additionalProperties",
                  Tree.ordered(
                      "type",
                      "object",
                      "additionalProperties",
                      false,
                      "properties",
                      Tree.ordered("with", Tree.ordered("type", "object")))));
      default -> throw new IllegalStateException("no schema for spec field " + field);
    };
  }

  private static Map<String, Object> described(
      String type, String description, Map<String, Object> more) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", type);
    schema.put("description", description);
    more.forEach(schema::put);
    return schema;
  }

  private static Map<String, Object> branch(GoldenPath path) {
    Map<String, Object> condition =
        Tree.ordered(
            "properties",
            Tree.ordered("path", Tree.ordered("pattern", "^" + path.name() + "(@.*)?$")));
    Map<String, Object> then = new LinkedHashMap<>();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("with", parameters(path.parameters(), true));
    properties.put(
        "environments",
        Tree.ordered(
            "additionalProperties",
            Tree.ordered(
                "properties", Tree.ordered("with", parameters(path.parameters(), false)))));
    then.put("properties", properties);
    Map<String, Object> branch = new LinkedHashMap<>();
    branch.put("if", condition);
    branch.put("then", then);
    return branch;
  }

  private static Map<String, Object> parameters(
      Map<String, Parameter> parameters, boolean withRequired) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (Parameter parameter : parameters.values()) {
      properties.put(parameter.name(), parameter(parameter, withRequired));
      if (parameter.required()) {
        required.add(parameter.name());
      }
    }
    schema.put("properties", properties);
    if (withRequired && !required.isEmpty()) {
      schema.put("required", required);
    }
    return schema;
  }

  private static Map<String, Object> parameter(Parameter parameter, boolean withRequired) {
    if (parameter.type() == ParamType.OBJECT) {
      Map<String, Object> nested = parameters(parameter.properties(), withRequired);
      nested.put("description", parameter.description());
      return nested;
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put(
        "type",
        parameter.type() == ParamType.QUANTITY
            ? List.of("string", "number")
            : parameter.type().jsonType());
    if (!parameter.description().isEmpty()) {
      schema.put("description", parameter.description());
    }
    if (parameter.type() == ParamType.LIST) {
      schema.put("items", Tree.ordered("type", "string"));
    }
    parameter.defaultValue().ifPresent(value -> schema.put("default", value));
    if (!parameter.allowed().isEmpty()) {
      schema.put("enum", parameter.allowed());
    }
    parameter.min().ifPresent(min -> schema.put("minimum", whole(min)));
    parameter.max().ifPresent(max -> schema.put("maximum", whole(max)));
    parameter.pattern().ifPresent(p -> schema.put("pattern", "^(?:" + p.pattern() + ")$"));
    return schema;
  }

  /** A map that keeps the order its keys are given in (Map.of's order varies between runs). */
  private static Object whole(double value) {
    return value == Math.rint(value) ? (Object) (long) value : (Object) value;
  }
}
