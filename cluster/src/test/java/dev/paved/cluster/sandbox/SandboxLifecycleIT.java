package dev.paved.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.paved.core.error.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a sandbox of its own (in a temporary data directory, so the shared one of other ITs is
 * untouched) and checks up, reuse, status after a kill -9, and down leaving no process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxLifecycleIT {

  @TempDir static Path dataDir;

  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = new Sandbox(SandboxConfig.defaults().withDataDir(dataDir));
  }

  @AfterAll
  static void stop() {
    sandbox.down();
  }

  @Test
  @Order(1)
  void upStartsEveryComponentAndWritesTheKubeconfig() throws IOException {
    UpResult result = sandbox.up();

    assertThat(result).isInstanceOf(UpResult.Started.class);
    assertThat(result.status().running()).isTrue();
    assertThat(Files.readString(result.kubeconfig())).contains("current-context: paved-sandbox");
    try (var client = sandbox.client()) {
      assertThat(client.nodes().list().getItems()).hasSize(6);
    }
  }

  @Test
  @Order(2)
  void secondUpReusesTheRunningSandbox() {
    assertThat(sandbox.up()).isInstanceOf(UpResult.Reused.class);
  }

  @Test
  @Order(3)
  void statusReportsAComponentKilledWithSignalNine() {
    long pid = pidOf(SandboxComponent.KUBE_SCHEDULER);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(sandbox.status().down())
                    .singleElement()
                    .satisfies(
                        c -> {
                          assertThat(c.component()).isEqualTo(SandboxComponent.KUBE_SCHEDULER);
                          assertThat(c.detail()).contains("is not running", "kube-scheduler.log");
                        }));
    assertThat(sandbox.status().summary()).isEqualTo("degraded");
  }

  @Test
  @Order(4)
  void upAfterAKillRestartsTheSandbox() {
    assertThat(sandbox.up()).isInstanceOf(UpResult.Started.class);
    assertThat(sandbox.status().running()).isTrue();
  }

  @Test
  @Order(5)
  void downStopsEveryProcess() {
    List<Long> pids =
        sandbox.status().components().stream().map(c -> c.pid().orElseThrow()).toList();

    assertThat(sandbox.down()).isInstanceOf(DownResult.Stopped.class);

    assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isEmpty());
    assertThat(sandbox.status().stopped()).isTrue();
    assertThat(sandbox.down()).isInstanceOf(DownResult.NothingRunning.class);
  }

  @Test
  @Order(6)
  void missingBinariesSayToRunTheBuildScript(@TempDir Path emptyBinDir, @TempDir Path data) {
    SandboxConfig config =
        new SandboxConfig(
            new SandboxLayout(data),
            new SandboxBinaries(emptyBinDir),
            NodePlan.defaults(),
            Duration.ofSeconds(5));

    assertThatThrownBy(() -> new Sandbox(config).up())
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("sandbox binary missing")
        .satisfies(e -> assertThat(((EnvironmentException) e).hint()).contains("sandbox/build.sh"));
  }

  @Test
  @Order(7)
  void processDyingDuringStartNamesTheStepAndLogAndStopsWhatStarted(
      @TempDir Path binDir, @TempDir Path data) throws IOException {
    Path real = SandboxBinaries.locate().binDir();
    for (SandboxComponent component : SandboxComponent.values()) {
      Files.createSymbolicLink(
          binDir.resolve(component.binaryName()), real.resolve(component.binaryName()));
    }
    Path apiserver = binDir.resolve("kube-apiserver");
    Files.delete(apiserver);
    Files.writeString(
        apiserver,
        "#!/bin/sh\necho 'E1126 failed to listen on 127.0.0.1:6443: bind: address already in use'\n"
            + "exit 1\n");
    apiserver.toFile().setExecutable(true);
    Sandbox broken =
        new Sandbox(
            new SandboxConfig(
                new SandboxLayout(data),
                new SandboxBinaries(binDir),
                NodePlan.defaults(),
                Duration.ofSeconds(20)));

    assertThatThrownBy(broken::up)
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("step 'start kube-apiserver'")
        .hasMessageContaining("a port it needs is in use")
        .satisfies(
            e ->
                assertThat(((EnvironmentException) e).hint())
                    .contains(data.resolve("logs/kube-apiserver.log").toString()));
    assertThat(broken.status().stopped()).isTrue();
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info()
                            .arguments()
                            .map(a -> String.join(" ", a))
                            .orElse("")
                            .contains(data.toString())))
        .as("processes still running with the broken sandbox's data dir")
        .isEmpty();
  }

  private static long pidOf(SandboxComponent component) {
    return sandbox.status().components().stream()
        .filter(c -> c.component() == component)
        .findFirst()
        .orElseThrow()
        .pid()
        .orElseThrow();
  }
}
