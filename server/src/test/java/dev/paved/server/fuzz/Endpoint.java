package dev.paved.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One operation of the OpenAPI document: method, path template, its parameters and, when it takes
 * one, the JSON schema of its body (with {@code $ref}s left for {@link Schemas} to resolve).
 *
 * @param documented the statuses the document lists for it ("503" is how a 5xx can be allowed)
 */
public record Endpoint(
    String method,
    String path,
    List<String> pathParams,
    List<String> queryParams,
    Optional<JsonNode> bodySchema,
    Set<String> documented) {

  public Endpoint {
    pathParams = List.copyOf(pathParams);
    queryParams = List.copyOf(queryParams);
    documented = Set.copyOf(documented);
  }

  /** Every operation of the document, in its order. */
  public static List<Endpoint> allOf(JsonNode document) {
    List<Endpoint> endpoints = new ArrayList<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(op -> endpoints.add(of(op.getKey(), path.getKey(), op.getValue()))));
    return List.copyOf(endpoints);
  }

  private static Endpoint of(String method, String path, JsonNode operation) {
    List<String> inPath = new ArrayList<>();
    List<String> inQuery = new ArrayList<>();
    for (JsonNode parameter : operation.path("parameters")) {
      String name = parameter.path("name").asText();
      switch (parameter.path("in").asText()) {
        case "path" -> inPath.add(name);
        case "query" -> inQuery.add(name);
        default -> {}
      }
    }
    JsonNode schema =
        operation.path("requestBody").path("content").path("application/json").path("schema");
    Set<String> documented = new TreeSet<>();
    operation.path("responses").fieldNames().forEachRemaining(documented::add);
    return new Endpoint(
        method.toUpperCase(Locale.ROOT),
        path,
        inPath,
        inQuery,
        schema instanceof MissingNode ? Optional.empty() : Optional.of(schema),
        documented);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
