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
    if (result instanceof UpResult.Started) {
      forgetEarlierRuns(sandbox);
    }
    return new SharedSandbox(sandbox, result instanceof UpResult.Started);
  }

  private static final java.util.Set<String> SYSTEM =
      java.util.Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  /**
   * A sandbox this run started keeps its etcd data from earlier runs: their namespaces, apps and
   * pods would take the nodes' capacity. They are deleted, and the run waits until their pods are
   * gone. A sandbox that was already running (a developer's) is left as it is.
   */
  /** A pod of an earlier run that still takes a node's capacity (finished pods do not). */
  private static boolean holdsResources(io.fabric8.kubernetes.api.model.Pod pod) {
    String phase = pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
    return !SYSTEM.contains(pod.getMetadata().getNamespace())
        && pod.getSpec().getNodeName() != null
        && !pod.getSpec().getNodeName().isEmpty()
        && !"Succeeded".equals(phase)
        && !"Failed".equals(phase);
  }

  private static void forgetEarlierRuns(Sandbox sandbox) {
    try (var client = dev.paved.cluster.sandbox.SandboxClients.create(sandbox.kubeconfig())) {
      client.namespaces().list().getItems().stream()
          .map(n -> n.getMetadata().getName())
          .filter(n -> !SYSTEM.contains(n))
          .forEach(n -> client.namespaces().withName(n).delete());
      client.persistentVolumes().delete();
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline
          && client.pods().inAnyNamespace().list().getItems().stream()
              .anyMatch(SharedSandbox::holdsResources)) {
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
