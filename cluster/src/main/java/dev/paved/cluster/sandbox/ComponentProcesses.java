package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts, finds and stops component processes. A process is started in its own session ({@code
 * setsid}) with its output appended to its log file, so it outlives the JVM that started it (the
 * CLI's {@code up} returns) and does not get the terminal's signals. A pid is only trusted while
 * the process behind it still runs the expected binary, so a recycled pid is never killed.
 */
final class ComponentProcesses {

  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private ComponentProcesses() {}

  /** Starts a command; the returned process's pid is the component's own pid. */
  static Process start(List<String> command, Path logFile) {
    List<String> argv = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      argv.add(SETSID.toString());
    }
    argv.addAll(command);
    try {
      Files.createDirectories(logFile.getParent());
      return new ProcessBuilder(argv)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot start " + command.getFirst() + ": " + e.getMessage(), "see " + logFile, false, e);
    }
  }

  /** The live process with this pid, when it still runs {@code binary}. */
  static Optional<ProcessHandle> find(long pid, Path binary) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> runs(h, binary));
  }

  private static boolean runs(ProcessHandle handle, Path binary) {
    // info() may be empty for processes of other users; then the pid alone has to do
    return handle
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().equals(binary.getFileName()))
        .orElse(true);
  }

  /**
   * Stops a process and its descendants: SIGTERM, then SIGKILL after a grace period.
   *
   * @return whether the process is gone
   */
  static boolean stop(ProcessHandle handle) {
    return stopAll(List.of(handle));
  }

  /**
   * Stops several processes at once (SIGTERM to all, then waits), children included.
   *
   * @return whether all are gone
   */
  static boolean stopAll(List<ProcessHandle> handles) {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle handle : handles) {
      all.addAll(handle.descendants().toList());
      all.add(handle);
    }
    all.forEach(ProcessHandle::destroy);
    boolean gone = true;
    for (ProcessHandle each : all) {
      gone &= awaitExit(each);
    }
    return gone;
  }

  private static boolean awaitExit(ProcessHandle handle) {
    try {
      handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      handle.destroyForcibly();
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
        return true;
      } catch (TimeoutException | ExecutionException again) {
        return !handle.isAlive();
      } catch (InterruptedException again) {
        Thread.currentThread().interrupt();
        return false;
      }
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
