package dev.paved.cluster.logs;

/** One container's log tail, or why there is none. */
public sealed interface ContainerLog {

  LogSource source();

  /** The log's last lines (possibly empty: the container wrote nothing yet). */
  record Read(LogSource source, String text) implements ContainerLog {}

  /** No log, and why, in one sentence a user can act on. */
  record Unavailable(LogSource source, String reason) implements ContainerLog {}
}
