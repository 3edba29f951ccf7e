package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code up} from nothing: certificates, ports, then each component started and
 * health-checked in order, then the fake nodes. On any failure it stops what it started, removes
 * the state file and throws one {@link EnvironmentException} naming the step and the log file.
 */
final class SandboxStarter {

  private static final Duration NODES_TIMEOUT = Duration.ofSeconds(30);

  private final SandboxConfig config;
  private final SandboxLayout layout;
  private final List<Process> started = new ArrayList<>();

  SandboxStarter(SandboxConfig config) {
    this.config = config;
    this.layout = config.layout();
  }

  /**
   * A restart after a component died keeps the ports of the last run when they are free, so
   * kubeconfigs already handed out (and connections to them) stay valid, as with a real cluster.
   */
  private java.util.Optional<SandboxPorts> portsOfLastRun() {
    return SandboxState.read(layout.stateFile())
        .map(SandboxState::ports)
        .filter(SandboxPorts::free);
  }

  UpResult.Started start(SandboxStatusReader reader) {
    Instant begin = Instant.now();
    config.binaries().requireAll();
    try {
      prepareDirectories();
      SandboxPki pki = new SandboxPki(layout.pki());
      SandboxCredentials credentials = pki.ensure();
      SandboxPorts ports = portsOfLastRun().orElseGet(SandboxPorts::allocate);
      SandboxKubeconfig.write(
          layout.kubeconfig(), layout.context(), ports.apiserverUrl(), credentials);
      SandboxStages.write(layout.stagesFile());
      SandboxState state =
          new SandboxState(
              config.binaries().binDir().toString(), ports, java.util.Map.of(), begin.toString());
      state.write(layout.stateFile());
      ComponentCommands commands = new ComponentCommands(config.binaries(), layout, pki, ports);
      ComponentHealthCheck health = new ComponentHealthCheck(ports, credentials);
      state = startAndAwait(List.of(SandboxComponent.ETCD), state, commands, health);
      state = startAndAwait(List.of(SandboxComponent.KUBE_APISERVER), state, commands, health);
      state =
          startAndAwait(
              List.of(
                  SandboxComponent.KUBE_CONTROLLER_MANAGER,
                  SandboxComponent.KUBE_SCHEDULER,
                  SandboxComponent.KWOK),
              state,
              commands,
              health);
      installNodes();
      return new UpResult.Started(
          layout.kubeconfig(), reader.read(), Duration.between(begin, Instant.now()));
    } catch (RuntimeException | Error e) {
      // Error too: a broken classpath must not leave processes behind
      stopStarted();
      throw e;
    }
  }

  private void prepareDirectories() {
    try {
      Files.createDirectories(layout.logs());
      Files.createDirectories(layout.run());
      for (SandboxComponent component : SandboxComponent.values()) {
        Path log = layout.logFile(component);
        if (Files.exists(log)) {
          Files.move(
              log,
              log.resolveSibling(log.getFileName() + ".1"),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot create the sandbox directories under " + layout.dataDir() + ": " + e.getMessage(),
          "check that the data directory is writable, or pass --data-dir",
          false,
          e);
    }
  }

  private SandboxState startAndAwait(
      List<SandboxComponent> components,
      SandboxState state,
      ComponentCommands commands,
      ComponentHealthCheck health) {
    SandboxState current = state;
    List<Process> processes = new ArrayList<>();
    for (SandboxComponent component : components) {
      Process process =
          ComponentProcesses.start(commands.command(component), layout.logFile(component));
      started.add(process);
      processes.add(process);
      current = current.withPid(component, process.pid());
      current.write(layout.stateFile());
    }
    for (int i = 0; i < components.size(); i++) {
      awaitHealthy(components.get(i), processes.get(i), health);
    }
    return current;
  }

  private void awaitHealthy(
      SandboxComponent component, Process process, ComponentHealthCheck health) {
    Path log = layout.logFile(component);
    String step = "start " + component.binaryName();
    ProbeResult[] last = {new ProbeResult.Unhealthy("not probed yet")};
    boolean healthy =
        Poll.until(
            config.startTimeout(),
            () -> {
              if (!process.isAlive()) {
                return true;
              }
              last[0] = health.probe(component);
              return last[0].healthy();
            });
    if (!process.isAlive()) {
      throw StartFailure.of(
          step,
          "the process exited with code " + process.exitValue() + " while starting",
          log,
          null);
    }
    if (!healthy) {
      String reason = last[0] instanceof ProbeResult.Unhealthy(String why) ? why : "no answer";
      throw StartFailure.of(
          step,
          "not healthy within " + config.startTimeout().toSeconds() + " s (" + reason + ")",
          log,
          null);
    }
  }

  private void installNodes() {
    Path log = layout.logFile(SandboxComponent.KWOK);
    try (KubernetesClient client = SandboxClients.create(layout.kubeconfig())) {
      FakeNodeInstaller nodes = new FakeNodeInstaller(client, config.nodes());
      nodes.createMissing();
      SandboxProvisioner.ensureStorageClass(client);
      if (!Poll.until(NODES_TIMEOUT, () -> nodes.notReady().isEmpty())) {
        throw StartFailure.of(
            "create fake nodes",
            "nodes not Ready within " + NODES_TIMEOUT.toSeconds() + " s: " + nodes.notReady(),
            log,
            null);
      }
      boolean accounts =
          Poll.until(
              NODES_TIMEOUT,
              () ->
                  client.serviceAccounts().inNamespace("default").withName("default").get()
                      != null);
      if (!accounts) {
        throw StartFailure.of(
            "wait for the default service account",
            "kube-controller-manager made none within " + NODES_TIMEOUT.toSeconds() + " s",
            layout.logFile(SandboxComponent.KUBE_CONTROLLER_MANAGER),
            null);
      }
    } catch (KubernetesClientException e) {
      throw StartFailure.of("create fake nodes", e.getMessage(), log, e);
    }
  }

  private void stopStarted() {
    ComponentProcesses.stopAll(started.reversed().stream().map(Process::toHandle).toList());
    try {
      Files.deleteIfExists(layout.stateFile());
    } catch (IOException ignored) {
      // the processes are gone; a stale state file only makes status report them down
    }
  }
}
