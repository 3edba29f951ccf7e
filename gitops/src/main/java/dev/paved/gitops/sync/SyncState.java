package dev.paved.gitops.sync;

import dev.paved.cluster.diff.Drift;
import java.util.List;

/**
 * Whether an app's objects in the cluster are what main wants (Argo CD's sync status): read from
 * the watch cache without writing, whether or not the environment heals drift by itself.
 */
public sealed interface SyncState {

  /** Every object is there with Paved's fields as main has them. */
  record Synced() implements SyncState {}

  /**
   * Objects are missing, or fields Paved sets have other values (a hand edit, a merge not yet
   * synced).
   */
  record OutOfSync(List<Drift> drifts) implements SyncState {
    public OutOfSync {
      drifts = List.copyOf(drifts);
    }
  }

  /** It cannot be known now, and why (the cluster unreachable, main's files not rendering). */
  record Unknown(String reason) implements SyncState {}

  /** {@code Synced}, {@code OutOfSync} or {@code Unknown}, as the API and the CLI name it. */
  default String word() {
    return switch (this) {
      case Synced s -> "Synced";
      case OutOfSync o -> "OutOfSync";
      case Unknown u -> "Unknown";
    };
  }
}
