package dev.paved.cluster.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the sandbox keeps its files under its data directory: certificates and the token in {@code
 * pki/}, one log per component in {@code logs/}, etcd's data in {@code etcd/}, the state of the
 * running processes in {@code run/state.json}, and the user's {@code kubeconfig}.
 *
 * @param dataDir the root, by default {@code ~/.paved/sandbox}
 */
public record SandboxLayout(Path dataDir) {

  public SandboxLayout {
    Objects.requireNonNull(dataDir, "dataDir");
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** The default data directory, {@code ~/.paved/sandbox}. */
  public static SandboxLayout defaultLayout() {
    return new SandboxLayout(Path.of(System.getProperty("user.home"), ".paved", "sandbox"));
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

  /** The kubeconfig for users and tests, context {@code paved-sandbox}. */
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
