package dev.paved.core.rendered;

import java.util.Map;

/**
 * One rendered Kubernetes object.
 *
 * @param resourceId the golden-path resource it came from
 * @param body the whole object as ordered plain Java maps and lists
 */
public record RenderedObject(String resourceId, Map<String, Object> body) {

  public RenderedObject {
    body = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
  }

  public String apiVersion() {
    return (String) body.get("apiVersion");
  }

  public String kind() {
    return (String) body.get("kind");
  }

  public String name() {
    return String.valueOf(metadata().getOrDefault("name", ""));
  }

  /** The namespace, empty for cluster-scoped objects. */
  public String namespace() {
    return String.valueOf(metadata().getOrDefault("namespace", ""));
  }

  /** {@code Kind/name}, the way {@code kubectl} and {@code paved explain} name objects. */
  public String ref() {
    return kind() + "/" + name();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> metadata() {
    return (Map<String, Object>) body.getOrDefault("metadata", Map.of());
  }
}
