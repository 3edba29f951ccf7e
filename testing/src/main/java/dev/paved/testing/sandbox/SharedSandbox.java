package dev.paved.testing.sandbox;

import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.cluster.sandbox.UpResult;
import java.nio.file.Path;

/**
 * The one sandbox of a test run, kept in JUnit's root store; JUnit closes it when the run ends, and
 * it then stops the sandbox only if it started it.
 */
final class SharedSandbox implements AutoCloseable {

  private final Sandbox sandbox;
  private final boolean startedHere;

  private SharedSandbox(Sandbox sandbox, boolean startedHere) {
    this.sandbox = sandbox;
    this.startedHere = startedHere;
  }

  static SharedSandbox start() {
    SandboxConfig config = SandboxConfig.defaults();
    String dir = setting("paved.sandbox.dir", "PAVED_SANDBOX_DIR");
    if (!dir.isBlank()) {
      config = config.withDataDir(Path.of(dir));
    }
    Sandbox sandbox = new Sandbox(config);
    UpResult result = sandbox.up();
    return new SharedSandbox(sandbox, result instanceof UpResult.Started);
  }

  Sandbox sandbox() {
    return sandbox;
  }

  @Override
  public void close() {
    boolean keep = Boolean.parseBoolean(setting("paved.sandbox.keep", "PAVED_SANDBOX_KEEP"));
    if (startedHere && !keep) {
      sandbox.down();
    }
  }

  private static String setting(String property, String env) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null ? "" : value;
  }
}
