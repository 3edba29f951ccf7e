package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@link KubeletEventWriter} as a sandbox process beside KWOK: a JVM started with this JVM's
 * own executable and classpath, detached like the other components, its pid in {@code
 * run/kubelet-events.pid} and its log in {@code logs/kubelet-events.log}.
 */
final class KubeletEventsProcess {

  static final String NAME = "kubelet-events";

  private KubeletEventsProcess() {}

  /** Starts the writer unless it already runs. */
  static void ensureRunning(SandboxLayout layout) {
    if (find(layout).isPresent()) {
      return;
    }
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        List.of(
            java,
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            KubeletEventWriter.class.getName(),
            layout.kubeconfig().toString());
    Process process = ComponentProcesses.start(command, layout.logs().resolve(NAME + ".log"));
    try {
      Files.writeString(pidFile(layout), String.valueOf(process.pid()));
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot write " + pidFile(layout) + ": " + e.getMessage(),
          "check the data directory",
          false,
          e);
    }
  }

  /** Stops the writer if it runs; idempotent. */
  static void stop(SandboxLayout layout) {
    find(layout).ifPresent(handle -> ComponentProcesses.stopAll(List.of(handle)));
    try {
      Files.deleteIfExists(pidFile(layout));
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot remove " + pidFile(layout) + ": " + e.getMessage(), "", false, e);
    }
  }

  /** Whether the writer runs. */
  static boolean running(SandboxLayout layout) {
    return find(layout).isPresent();
  }

  private static Optional<ProcessHandle> find(SandboxLayout layout) {
    try {
      if (!Files.exists(pidFile(layout))) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile(layout)).strip());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              h ->
                  h.info()
                      .arguments()
                      .map(args -> List.of(args).contains(KubeletEventWriter.class.getName()))
                      .orElse(true));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Path pidFile(SandboxLayout layout) {
    return layout.run().resolve(NAME + ".pid");
  }
}
