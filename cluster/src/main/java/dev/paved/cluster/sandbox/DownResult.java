package dev.paved.cluster.sandbox;

import java.time.Duration;
import java.util.List;

/** What {@link Sandbox#down} did. */
public sealed interface DownResult {

  /**
   * Processes were stopped.
   *
   * @param stopped the components whose processes were running and are gone now
   * @param took how long stopping took
   */
  record Stopped(List<SandboxComponent> stopped, Duration took) implements DownResult {
    public Stopped {
      stopped = List.copyOf(stopped);
    }
  }

  /** Nothing was running from this data directory. */
  record NothingRunning() implements DownResult {}
}
