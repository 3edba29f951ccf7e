package dev.paved.cluster.cache;

import dev.paved.cluster.object.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/** What the cluster holds for an object, as far as this view knows. */
public interface LiveView {

  /**
   * The live object, or empty when the cluster has none.
   *
   * @throws dev.paved.core.error.EnvironmentException when the view cannot answer (a cache that has
   *     not synced or lost its watch)
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server errs
   */
  Optional<GenericKubernetesResource> find(ObjectRef ref);

  /** Whether {@link #find} answers from memory (no API request) rather than from the server. */
  boolean cached();
}
