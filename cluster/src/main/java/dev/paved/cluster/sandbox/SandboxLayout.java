package dev.paved.cluster.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the sandbox keeps its files under its data directory: certificates and the token in {@code
 * pki/}, one log per component in {@code logs/}, etcd's data in {@code etcd/}, the state of the
 * running processes in {@code run/state.json}, and the user's {@code kubeconfig}.
 *
 * @param dataDir the root, by default {@code ~/.paved/sandbox}
 * @param name the sandbox's name: its kubeconfig context is {@code paved-NAME}
 */
public record SandboxLayout(Path dataDir, String name) {

  /** The name of the default sandbox (context {@code paved-sandbox}). */
  public static final String DEFAULT_NAME = "sandbox";

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,28}[a-z0-9])?");

  public SandboxLayout {
    Objects.requireNonNull(dataDir, "dataDir");
    dataDir = dataDir.toAbsolutePath().normalize();
    requireName(name);
  }

  /** The default sandbox's layout in {@code dataDir}. */
  public SandboxLayout(Path dataDir) {
    this(dataDir, DEFAULT_NAME);
  }

  /** The default data directory, {@code ~/.paved/sandbox}. */
  public static SandboxLayout defaultLayout() {
    return new SandboxLayout(Path.of(System.getProperty("user.home"), ".paved", "sandbox"));
  }

  /**
   * The sandbox called {@code name}: the default one for {@value #DEFAULT_NAME}, otherwise its own
   * data directory {@code ~/.paved/sandboxes/NAME}.
   *
   * @throws dev.paved.core.error.UsageException when the name is not a DNS label of 1 to 30
   *     characters
   */
  public static SandboxLayout named(String name) {
    requireName(name);
    return name.equals(DEFAULT_NAME)
        ? defaultLayout()
        : new SandboxLayout(
            Path.of(System.getProperty("user.home"), ".paved", "sandboxes", name), name);
  }

  /** Where the named sandboxes live, {@code ~/.paved/sandboxes}. */
  public static Path namedRoot() {
    return Path.of(System.getProperty("user.home"), ".paved", "sandboxes");
  }

  private static void requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new dev.paved.core.error.UsageException(
          "'" + name + "' is not a sandbox name",
          "use 1 to 30 lower-case letters, digits and '-', starting and ending with a letter or"
              + " digit, e.g. prod or gke-1");
    }
  }

  /** The kubeconfig context of this sandbox, {@code paved-NAME}. */
  public String context() {
    return "paved-" + name;
  }

  public Path pki() {
    return dataDir.resolve("pki");
  }

  public Path logs() {
    return dataDir.resolve("logs");
  }

  public Path run() {
    return dataDir.resolve("run");
  }

  public Path etcdData() {
    return dataDir.resolve("etcd");
  }

  /** The kubeconfig for users and tests, context {@link #context()}. */
  public Path kubeconfig() {
    return dataDir.resolve("kubeconfig");
  }

  /** The pids and ports of the running processes (the sandbox's pid file). */
  public Path stateFile() {
    return run().resolve("state.json");
  }

  /** Held while {@code up} or {@code down} runs, so two of them do not interleave. */
  public Path lockFile() {
    return run().resolve("sandbox.lock");
  }

  /** The KWOK stages, written from the cluster module's resources on each start. */
  public Path stagesFile() {
    return run().resolve("kwok-stages.yaml");
  }

  public Path logFile(SandboxComponent component) {
    return logs().resolve(component.logFileName());
  }

  /** A scratch directory a component writes its self-signed serving certificate to. */
  public Path certDir(SandboxComponent component) {
    return run().resolve(component.binaryName() + "-certs");
  }
}
