package dev.paved.cluster.connection;

/** The innermost message of an error chain: what the network actually said. */
final class Errors {

  private Errors() {}

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
