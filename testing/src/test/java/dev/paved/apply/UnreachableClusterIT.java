package dev.paved.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.connection.ClusterConnection;
import dev.paved.cluster.connection.Reachability;
import dev.paved.cluster.health.AppStatusReader;
import dev.paved.cluster.health.HealthStatus;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.core.render.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose kube-apiserver dies makes an app UNKNOWN (never healthy, never missing); when the
 * apiserver is back, the app is healthy again. Uses a sandbox of its own, since it kills the
 * apiserver.
 */
class UnreachableClusterIT {

  @TempDir Path dir;
  private Sandbox sandbox;

  @AfterEach
  void stop() {
    if (sandbox != null) {
      sandbox.down();
    }
  }

  private long apiserverPid() {
    return dev.paved.testing.sandbox.ManagedObjects.apiserverPid(sandbox);
  }

  @Test
  void anAppOnAClusterWhoseApiServerDiedIsUnknownThenHealthyWhenItIsBack() throws Exception {
    sandbox = new Sandbox(SandboxConfig.defaults().withDataDir(dir));
    sandbox.up();
    Map<String, Object> config =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "ConfigMap",
            "metadata",
            Map.of(
                "name",
                "settings",
                "namespace",
                "default",
                "labels",
                Map.of(Labels.MANAGED_BY, Labels.MANAGER, Labels.APP, "settings")),
            "data",
            Map.of("mode", "fast"));
    try (ClusterConnection connection =
        ClusterConnection.open("sandbox", Files.readString(sandbox.kubeconfig()))) {
      assertThat(connection.check()).isInstanceOf(Reachability.Reachable.class);
      assertThat(connection.cache().orElseThrow().awaitSynced(Duration.ofSeconds(30))).isTrue();
      List<ObjectRef> refs =
          new Applier(connection.client(), connection.view())
              .apply(List.of(config)).stream().map(ApplyOutcome::ref).toList();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> connection.cache().orElseThrow().find(refs.getFirst()).isPresent());
      assertThat(connection.health(refs).overall().status()).isEqualTo(HealthStatus.HEALTHY);

      long apiserver = apiserverPid();
      ProcessHandle.of(apiserver).orElseThrow().destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> ProcessHandle.of(apiserver).map(h -> !h.isAlive()).orElse(true));

      Reachability down = connection.check();
      assertThat(down).isInstanceOf(Reachability.Unreachable.class);
      var health = connection.health(refs).overall();
      assertThat(health.status()).isEqualTo(HealthStatus.UNKNOWN);
      assertThat(health.message()).contains("unreachable");
      assertThat(connection.check()).as("no new probe before the backoff").isEqualTo(down);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !connection.cache().orElseThrow().synced());
      assertThat(
              new AppStatusReader(connection.cache().orElseThrow()).read(refs).overall().status())
          .as("a cache without its watch does not claim health")
          .isEqualTo(HealthStatus.UNKNOWN);

      assertThat(sandbox.up())
          .as("restarts the dead component; etcd keeps the objects")
          .isNotNull();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> assertThat(connection.check()).isInstanceOf(Reachability.Reachable.class));
      await().atMost(Duration.ofSeconds(60)).until(() -> connection.cache().orElseThrow().synced());
      assertThat(connection.health(refs).overall().status()).isEqualTo(HealthStatus.HEALTHY);
    }
  }
}
