package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sandbox of one data directory: a real control plane plus KWOK, run as local processes.
 *
 * <p>{@link #up} and {@link #down} take a file lock in the data directory, so concurrent calls from
 * several processes run one after the other. Instances hold no state beyond their config;
 * everything is in the data directory, so any process can report on or stop a sandbox another
 * started.
 */
public final class Sandbox {

  private static final List<List<SandboxComponent>> STOP_WAVES =
      List.of(
          List.of(
              SandboxComponent.KWOK,
              SandboxComponent.KUBE_SCHEDULER,
              SandboxComponent.KUBE_CONTROLLER_MANAGER),
          List.of(SandboxComponent.KUBE_APISERVER),
          List.of(SandboxComponent.ETCD));

  private final SandboxConfig config;
  private final SandboxStatusReader reader;

  public Sandbox(SandboxConfig config) {
    this.config = config;
    this.reader = new SandboxStatusReader(config.layout());
  }

  public SandboxConfig config() {
    return config;
  }

  /**
   * Starts the sandbox, or reuses it when one is already running healthy from this data directory.
   * A partly running one (a component was killed) is stopped and started again, on the same ports
   * when they are free; etcd data, certificates and the token are kept across restarts.
   *
   * @throws EnvironmentException naming the failed step and its log; what was started is stopped
   */
  public UpResult up() {
    return locked(
        () -> {
          SandboxStatus status = reader.read();
          if (status.running()) {
            KubeletEventsProcess.ensureRunning(config.layout());
            return new UpResult.Reused(config.layout().kubeconfig(), status);
          }
          KubeletEventsProcess.stop(config.layout());
          stopLive();
          UpResult result = new SandboxStarter(config).start(reader);
          KubeletEventsProcess.ensureRunning(config.layout());
          return result;
        });
  }

  /**
   * Stops every process this data directory's sandbox started, children included, and forgets them.
   * Idempotent: with nothing running it returns {@link DownResult.NothingRunning}. Data (etcd,
   * certificates, logs) stays for the next {@code up}.
   */
  public DownResult down() {
    return locked(
        () -> {
          Instant begin = Instant.now();
          KubeletEventsProcess.stop(config.layout());
          List<SandboxComponent> stopped = stopLive();
          deleteState();
          return stopped.isEmpty()
              ? new DownResult.NothingRunning()
              : new DownResult.Stopped(stopped, Duration.between(begin, Instant.now()));
        });
  }

  /** Each component up, down (dead or unhealthy) or stopped; never throws for a dead process. */
  public SandboxStatus status() {
    return reader.read();
  }

  /** Whether the process writing kubelet-style events ({@link KubeletEventWriter}) runs. */
  public boolean kubeletEventsRunning() {
    return KubeletEventsProcess.running(config.layout());
  }

  /** The kubeconfig path; the file exists once {@code up} has succeeded. */
  public Path kubeconfig() {
    return config.layout().kubeconfig();
  }

  /** A new fabric8 client for the sandbox; the caller closes it. */
  public KubernetesClient client() {
    return SandboxClients.create(kubeconfig());
  }

  /**
   * Stops the recorded processes that still run: kwok and the controllers together (they only talk
   * to the apiserver), then kube-apiserver, then etcd, so nothing logs a lost backend.
   */
  private List<SandboxComponent> stopLive() {
    List<SandboxStatusReader.LiveProcess> live = reader.liveProcesses();
    List<SandboxComponent> stopped = new ArrayList<>();
    for (List<SandboxComponent> wave : STOP_WAVES) {
      List<SandboxStatusReader.LiveProcess> now =
          live.stream().filter(p -> wave.contains(p.component())).toList();
      if (now.isEmpty()) {
        continue;
      }
      if (!ComponentProcesses.stopAll(
          now.stream().map(SandboxStatusReader.LiveProcess::handle).toList())) {
        String pids =
            String.join(" ", now.stream().map(p -> String.valueOf(p.handle().pid())).toList());
        throw new EnvironmentException(
            "could not stop the sandbox processes " + pids,
            "stop them by hand: kill -9 " + pids,
            true,
            null);
      }
      now.forEach(p -> stopped.add(p.component()));
    }
    return stopped;
  }

  private void deleteState() {
    try {
      Files.deleteIfExists(config.layout().stateFile());
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot remove " + config.layout().stateFile() + ": " + e.getMessage(), "", false, e);
    }
  }

  private <T> T locked(Supplier<T> action) {
    Path lockFile = config.layout().lockFile();
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          return action.get();
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot lock " + lockFile + ": " + e.getMessage(),
          "check that the data directory is writable, or pass --data-dir",
          false,
          e);
    }
  }
}
