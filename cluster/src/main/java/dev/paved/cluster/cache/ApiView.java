package dev.paved.cluster.cache;

import dev.paved.cluster.object.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** A {@link LiveView} that asks the API server: one GET per object. Thread-safe. */
public final class ApiView implements LiveView {

  private final KubernetesClient client;

  public ApiView(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<GenericKubernetesResource> find(ObjectRef ref) {
    return Optional.ofNullable(ref.in(client).get());
  }

  @Override
  public boolean cached() {
    return false;
  }
}
