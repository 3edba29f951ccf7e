package dev.paved.cluster.health;

import dev.paved.cluster.cache.ApiView;
import dev.paved.cluster.cache.LiveView;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.core.error.EnvironmentException;
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

  private final LiveView view;

  /** A reader that GETs each object. */
  public AppStatusReader(KubernetesClient client) {
    this(new ApiView(client));
  }

  /**
   * A reader that reads from {@code view}; a cache that lost its watch makes everything UNKNOWN.
   */
  public AppStatusReader(LiveView view) {
    this.view = view;
  }

  @SuppressWarnings("unchecked")
  public AppHealth read(List<ObjectRef> refs) {
    Map<ObjectRef, Health> health = new LinkedHashMap<>();
    for (ObjectRef ref : refs) {
      try {
        health.put(
            ref,
            view.find(ref)
                .map(
                    live ->
                        ObjectHealth.of(
                            Serialization.unmarshal(Serialization.asJson(live), Map.class)))
                .orElse(Health.missing("not found in the cluster")));
      } catch (EnvironmentException e) {
        return allUnknown(refs, e.getMessage());
      } catch (KubernetesClientException e) {
        if (unreachable(e)) {
          return allUnknown(refs, "the cluster is unreachable: " + rootMessage(e));
        }
        health.put(ref, Health.unknown("cannot read it: " + rootMessage(e)));
      }
    }
    return new AppHealth(health);
  }

  /** Every object UNKNOWN for one reason: the cluster says nothing about any of them. */
  public static AppHealth allUnknown(List<ObjectRef> refs, String reason) {
    Map<ObjectRef, Health> health = new LinkedHashMap<>();
    refs.forEach(r -> health.put(r, Health.unknown(reason)));
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
