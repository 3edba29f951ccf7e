package dev.paved.cluster.prune;

import dev.paved.cluster.apply.ObjectRef;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
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
    return Optional.ofNullable(handle(ref).get())
        .map(o -> Optional.ofNullable(o.getMetadata().getAnnotations()).orElse(Map.of()));
  }

  @Override
  public void delete(ObjectRef ref) {
    handle(ref).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  private Resource<GenericKubernetesResource> handle(ObjectRef ref) {
    var kind = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
    return ref.namespace().isEmpty()
        ? kind.withName(ref.name())
        : kind.inNamespace(ref.namespace()).withName(ref.name());
  }
}
