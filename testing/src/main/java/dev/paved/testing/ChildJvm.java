package dev.paved.testing;

import java.util.List;

/**
 * How a test starts another JVM (the paved jar): the same java, with the test's own home, so that a
 * child never reads or writes the user's {@code ~/.paved} or {@code ~/.kube} either (a JVM takes
 * its home from the account, not from {@code $HOME}).
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** {@code java -Duser.home=<this test's home>}, to which the caller adds its arguments. */
  public static List<String> java() {
    return List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Duser.home=" + System.getProperty("user.home"));
  }
}
