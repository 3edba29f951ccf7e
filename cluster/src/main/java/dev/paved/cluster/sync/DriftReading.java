package dev.paved.cluster.sync;

import dev.paved.cluster.diff.Drift;
import java.util.List;

/** How an app's objects in the cluster compare with what is desired, or why that is not known. */
public sealed interface DriftReading {

  /** Read: the objects that are missing or whose fields Paved sets have other values. */
  record Read(List<Drift> drifts) implements DriftReading {
    public Read {
      drifts = List.copyOf(drifts);
    }
  }

  /** The cluster cannot be read now (unreachable, a cache not synced yet). */
  record Unreadable(String reason) implements DriftReading {}
}
