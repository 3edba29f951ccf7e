package dev.paved.cluster.prune;

import dev.paved.cluster.cache.ClusterCache;
import dev.paved.cluster.object.ObjectRef;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link LiveObjects} from a {@link ClusterCache}: answers from memory, and throws while the cache
 * has not synced or has lost its watch, so no prune runs on a partial picture.
 */
public final class CachedObjects implements LiveObjects {

  private final ClusterCache cache;
  private final KubernetesClient client;

  public CachedObjects(ClusterCache cache, KubernetesClient client) {
    this.cache = cache;
    this.client = client;
  }

  @Override
  public Map<ObjectRef, Map<String, String>> existing(Collection<ObjectRef> refs) {
    Map<ObjectRef, Map<String, String>> found = new HashMap<>();
    for (ObjectRef ref : refs) {
      cache
          .find(ref)
          .ifPresent(
              live -> {
                Map<String, String> annotations = live.getMetadata().getAnnotations();
                found.put(ref, annotations == null ? Map.of() : annotations);
              });
    }
    return found;
  }

  @Override
  public void delete(ObjectRef ref) {
    ref.in(client).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }
}
