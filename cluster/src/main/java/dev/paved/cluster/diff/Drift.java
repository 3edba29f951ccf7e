package dev.paved.cluster.diff;

import dev.paved.cluster.object.ObjectRef;
import java.util.List;

/** How a live object differs from what Paved applied. */
public sealed interface Drift {

  ObjectRef ref();

  /** The object was deleted. */
  record Missing(ObjectRef ref) implements Drift {}

  /** Fields Paved sets have other values now. */
  record Changed(ObjectRef ref, List<FieldChange> fields) implements Drift {
    public Changed {
      fields = List.copyOf(fields);
    }
  }

  /** One field: where, what Paved wants, what is live (empty when absent). */
  record FieldChange(String path, String desired, String live) {}
}
