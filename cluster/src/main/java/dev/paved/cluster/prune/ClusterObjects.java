package dev.paved.cluster.prune;

import dev.paved.cluster.apply.ObjectRef;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;

/** {@link LiveObjects} of a real cluster through fabric8. */
public final class ClusterObjects implements LiveObjects {

  private final KubernetesClient client;

  public ClusterObjects(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Map<String, String>> annotations(ObjectRef ref) {
    return Optional.ofNullable(ref.in(client).get())
        .map(o -> Optional.ofNullable(o.getMetadata().getAnnotations()).orElse(Map.of()));
  }

  @Override
  public void delete(ObjectRef ref) {
    ref.in(client).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }
}
