package dev.paved.cluster.apply;

import dev.paved.cluster.object.ObjectRef;

/** What applying one object did. Handled with exhaustive switches. */
public sealed interface ApplyOutcome {

  ObjectRef ref();

  /** The object did not exist and was created. */
  record Created(ObjectRef ref) implements ApplyOutcome {}

  /** The object existed and Paved's fields changed (or it was replaced, see {@code replaced}). */
  record Configured(ObjectRef ref, boolean replaced) implements ApplyOutcome {}

  /** The object already matched; no write was made. */
  record Unchanged(ObjectRef ref) implements ApplyOutcome {}

  /**
   * The apply was refused or failed.
   *
   * @param reason the API server's message
   * @param retryable whether trying again unchanged may succeed (server errors, throttling,
   *     unreachable cluster), as opposed to a refused object (validation, admission, conflict)
   */
  record Failed(ObjectRef ref, String reason, boolean retryable) implements ApplyOutcome {}
}
