package dev.paved.cluster.sync;

import java.util.List;
import java.util.Map;

/**
 * What to sync: one app's desired objects in one namespace, in apply order.
 *
 * @param app the app
 * @param namespace the app's namespace (where its inventory lives)
 * @param revision what the objects were rendered from (a commit), for messages
 * @param objects the desired objects
 * @param complete whether the render that made them fully succeeded; false forbids any prune
 */
public record Release(
    String app,
    String namespace,
    String revision,
    List<Map<String, Object>> objects,
    boolean complete) {

  public Release {
    objects = List.copyOf(objects);
  }
}
