package dev.paved.cluster.health;

import dev.paved.cluster.apply.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the live objects of an app and judges their health. When the cluster cannot be reached,
 * every object is {@code UNKNOWN} with the reason — never healthy, never missing (an unreachable
 * cluster says nothing about whether the objects exist).
 */
public final class AppStatusReader {

  private final KubernetesClient client;

  public AppStatusReader(KubernetesClient client) {
    this.client = client;
  }

  @SuppressWarnings("unchecked")
  public AppHealth read(List<ObjectRef> refs) {
    Map<ObjectRef, Health> health = new LinkedHashMap<>();
    for (ObjectRef ref : refs) {
      try {
        GenericKubernetesResource live = ref.in(client).get();
        health.put(
            ref,
            live == null
                ? Health.missing("not found in the cluster")
                : ObjectHealth.of(Serialization.unmarshal(Serialization.asJson(live), Map.class)));
      } catch (KubernetesClientException e) {
        if (unreachable(e)) {
          Health unknown = Health.unknown("the cluster is unreachable: " + rootMessage(e));
          refs.forEach(r -> health.put(r, unknown));
          return new AppHealth(health);
        }
        health.put(ref, Health.unknown("cannot read it: " + rootMessage(e)));
      }
    }
    return new AppHealth(health);
  }

  static boolean unreachable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return e instanceof KubernetesClientException k && k.getCode() == 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
