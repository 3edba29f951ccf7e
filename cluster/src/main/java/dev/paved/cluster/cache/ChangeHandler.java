package dev.paved.cluster.cache;

import dev.paved.cluster.object.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/** Turns informer callbacks into the {@link ObjectRef} of what changed. */
final class ChangeHandler implements ResourceEventHandler<GenericKubernetesResource> {

  private final Consumer<ObjectRef> changed;

  ChangeHandler(Consumer<ObjectRef> changed) {
    this.changed = changed;
  }

  static ObjectRef refOf(GenericKubernetesResource object) {
    String namespace = object.getMetadata().getNamespace();
    return new ObjectRef(
        object.getApiVersion(),
        object.getKind(),
        namespace == null ? "" : namespace,
        object.getMetadata().getName());
  }

  @Override
  public void onAdd(GenericKubernetesResource object) {
    changed.accept(refOf(object));
  }

  @Override
  public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
    if (!before
        .getMetadata()
        .getResourceVersion()
        .equals(after.getMetadata().getResourceVersion())) {
      changed.accept(refOf(after));
    }
  }

  @Override
  public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
    changed.accept(refOf(object));
  }
}
