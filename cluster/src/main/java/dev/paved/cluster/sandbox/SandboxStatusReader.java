package dev.paved.cluster.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the state file and checks each recorded process: alive, right binary, healthy. */
final class SandboxStatusReader {

  private final SandboxLayout layout;

  SandboxStatusReader(SandboxLayout layout) {
    this.layout = layout;
  }

  SandboxStatus read() {
    Optional<SandboxState> state = SandboxState.read(layout.stateFile());
    List<ComponentStatus> components = new ArrayList<>();
    for (SandboxComponent component : SandboxComponent.values()) {
      components.add(
          state.map(s -> check(s, component)).orElse(ComponentStatus.stopped(component)));
    }
    return new SandboxStatus(layout.dataDir(), layout.kubeconfig(), components);
  }

  private ComponentStatus check(SandboxState state, SandboxComponent component) {
    Optional<Long> pid = state.pid(component);
    if (pid.isEmpty()) {
      return ComponentStatus.stopped(component);
    }
    OptionalLong recorded = OptionalLong.of(pid.get());
    Path binary = Path.of(state.binDir()).resolve(component.binaryName());
    if (ComponentProcesses.find(pid.get(), binary).isEmpty()) {
      return new ComponentStatus(
          component,
          ComponentStatus.State.DOWN,
          recorded,
          "process " + pid.get() + " is not running; see " + layout.logFile(component));
    }
    Optional<SandboxCredentials> credentials = new SandboxPki(layout.pki()).read();
    if (credentials.isEmpty()) {
      return new ComponentStatus(
          component,
          ComponentStatus.State.DOWN,
          recorded,
          "certificates missing in " + layout.pki());
    }
    ProbeResult probe = new ComponentHealthCheck(state.ports(), credentials.get()).probe(component);
    return switch (probe) {
      case ProbeResult.Healthy healthy ->
          new ComponentStatus(
              component,
              ComponentStatus.State.UP,
              recorded,
              "127.0.0.1:" + state.ports().healthPort(component));
      case ProbeResult.Unhealthy(String reason) ->
          new ComponentStatus(
              component, ComponentStatus.State.DOWN, recorded, "unhealthy: " + reason);
    };
  }

  /** The live processes recorded in the state file, in stop order (reverse of start). */
  List<LiveProcess> liveProcesses() {
    Optional<SandboxState> state = SandboxState.read(layout.stateFile());
    List<LiveProcess> live = new ArrayList<>();
    state.ifPresent(
        s -> {
          SandboxComponent[] all = SandboxComponent.values();
          for (int i = all.length - 1; i >= 0; i--) {
            SandboxComponent component = all[i];
            Path binary = Path.of(s.binDir()).resolve(component.binaryName());
            s.pid(component)
                .flatMap(pid -> ComponentProcesses.find(pid, binary))
                .ifPresent(handle -> live.add(new LiveProcess(component, handle)));
          }
        });
    return live;
  }

  /** A recorded component whose process still runs. */
  record LiveProcess(SandboxComponent component, ProcessHandle handle) {}
}
