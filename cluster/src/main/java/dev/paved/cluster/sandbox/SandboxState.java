package dev.paved.cluster.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.paved.core.error.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code up} started, written to {@code run/state.json} (the sandbox's pid file) so that a
 * later {@code up}, {@code status} or {@code down}, from any process, finds the running sandbox.
 *
 * @param binDir the binaries the processes run, to recognise them by executable name
 * @param ports the ports in use
 * @param pids the pid of each started component
 * @param startedAt when {@code up} began, ISO-8601
 */
record SandboxState(
    String binDir, SandboxPorts ports, Map<SandboxComponent, Long> pids, String startedAt) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  SandboxState {
    Objects.requireNonNull(binDir, "binDir");
    Objects.requireNonNull(ports, "ports");
    pids = pids.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(pids));
    Objects.requireNonNull(startedAt, "startedAt");
  }

  SandboxState withPid(SandboxComponent component, long pid) {
    Map<SandboxComponent, Long> more = new EnumMap<>(SandboxComponent.class);
    more.putAll(pids);
    more.put(component, pid);
    return new SandboxState(binDir, ports, more, startedAt);
  }

  Optional<Long> pid(SandboxComponent component) {
    return Optional.ofNullable(pids.get(component));
  }

  static Optional<SandboxState> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), SandboxState.class));
    } catch (IOException e) {
      // a torn or foreign file: treat as "nothing known to run"; up writes a fresh one
      return Optional.empty();
    }
  }

  void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot write the sandbox state " + file + ": " + e.getMessage(), "", false, e);
    }
  }
}
