package dev.paved.cluster.connection;

/** The innermost message of an error chain: what the network actually said. */
public final class Errors {

  private Errors() {}

  public static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
