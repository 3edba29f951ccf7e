package dev.paved.cluster.apply;

import java.util.Map;

/**
 * Which object: {@code apiVersion}, {@code kind}, namespace (empty when cluster-scoped) and name.
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

  @SuppressWarnings("unchecked")
  public static ObjectRef of(Map<String, Object> object) {
    Map<String, Object> metadata = (Map<String, Object>) object.getOrDefault("metadata", Map.of());
    return new ObjectRef(
        String.valueOf(object.get("apiVersion")),
        String.valueOf(object.get("kind")),
        String.valueOf(metadata.getOrDefault("namespace", "")),
        String.valueOf(metadata.getOrDefault("name", "")));
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} when cluster-scoped. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
