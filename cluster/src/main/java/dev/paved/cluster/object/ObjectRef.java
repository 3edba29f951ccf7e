package dev.paved.cluster.object;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
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

  /** The fabric8 handle of this object in a cluster (namespaced or not). */
  public Resource<GenericKubernetesResource> in(KubernetesClient client) {
    var kind = client.genericKubernetesResources(apiVersion, this.kind);
    return namespace.isEmpty() ? kind.withName(name) : kind.inNamespace(namespace).withName(name);
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} when cluster-scoped. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
