package dev.paved.core.error;

import java.util.Objects;

/**
 * The log of one background edge (the sync loop, the mirror, the replica heartbeats) that catches
 * errors and tries again: each failure is logged once when it starts or its message changes, and
 * the recovery once, not every retry. Thread-safe.
 */
public final class EdgeLog {

  private final System.Logger log;
  private final String edge;
  private String last = "";

  /**
   * @param owner the class whose logger writes
   * @param edge what the edge does, in words ({@code "syncing dev"})
   */
  public EdgeLog(Class<?> owner, String edge) {
    this.log = System.getLogger(owner.getName());
    this.edge = Objects.requireNonNull(edge);
  }

  /** A failure: logged when it is new (another message than the last one). */
  public void failed(Throwable error) {
    failed(
        error instanceof PavedException p
            ? p.oneLine()
            : error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  /** A failure said in words: logged when it is new. */
  public synchronized void failed(String message) {
    if (!message.equals(last)) {
      last = message;
      log.log(System.Logger.Level.WARNING, edge + " failed: " + message + " (retrying)");
    }
  }

  /** A success: logged once after failures. */
  public synchronized void succeeded() {
    if (!last.isEmpty()) {
      last = "";
      log.log(System.Logger.Level.INFO, edge + " works again");
    }
  }
}
