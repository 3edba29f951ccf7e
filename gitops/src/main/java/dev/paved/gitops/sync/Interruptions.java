package dev.paved.gitops.sync;

/** Whether a failure is the process stopping: such a sync records no run, the next start syncs. */
final class Interruptions {

  private Interruptions() {}

  static boolean interrupted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return Thread.currentThread().isInterrupted();
  }
}
