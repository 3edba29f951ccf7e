package dev.paved.core.render;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.path.ResourceTemplate;
import dev.paved.core.rendered.ObjectOrder;
import dev.paved.core.rendered.RenderedObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Completes a rendered object: namespace for namespaced kinds, the standard labels, the path and
 * workload annotations, in a fixed key order; checks the name and the metadata's shape.
 */
final class ObjectFinisher {

  private final RenderContext context;

  ObjectFinisher(RenderContext context) {
    this.context = context;
  }

  RenderedObject finish(ResourceTemplate resource, Map<String, Object> body) {
    Map<String, Object> metadata = mapAt(body, "metadata", resource);
    String name = String.valueOf(metadata.getOrDefault("name", ""));
    if (name.isEmpty() || name.length() > 253 || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new InvalidInputException(
          "resource '" + resource.id() + "' renders an invalid name '" + name + "'",
          resource.location(),
          "metadata.name must be a DNS-1123 name; check the template's metadata.name");
    }
    String kind = String.valueOf(body.get("kind"));
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("name", name);
    if (!ObjectOrder.isClusterScoped(kind)) {
      ordered.put("namespace", metadata.getOrDefault("namespace", context.namespace()));
    }
    Map<String, Object> labels = new LinkedHashMap<>(context.labels());
    mapAt(metadata, "labels", resource).forEach(labels::putIfAbsent);
    ordered.put("labels", labels);
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put(Labels.PATH_ANNOTATION, context.path().ref());
    if (ObjectOrder.ownsPods(kind)) {
      annotations.put(Labels.WORKLOAD_ANNOTATION, context.path().workload());
    }
    annotations.putAll(mapAt(metadata, "annotations", resource));
    ordered.put("annotations", annotations);
    metadata.forEach(ordered::putIfAbsent);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("apiVersion", body.get("apiVersion"));
    result.put("kind", kind);
    result.put("metadata", ordered);
    body.forEach(result::putIfAbsent);
    return new RenderedObject(resource.id(), result);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapAt(
      Map<String, Object> parent, String key, ResourceTemplate resource) {
    Object value = parent.getOrDefault(key, Map.of());
    if (!(value instanceof Map<?, ?>)) {
      throw new InvalidInputException(
          "resource '"
              + resource.id()
              + "' renders "
              + key
              + " as "
              + value.getClass().getSimpleName()
              + ", not a map",
          resource.location(),
          "make " + key + " a map in the template");
    }
    return new LinkedHashMap<>((Map<String, Object>) value);
  }
}
