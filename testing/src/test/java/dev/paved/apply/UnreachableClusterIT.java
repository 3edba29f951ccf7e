package dev.paved.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.apply.ObjectRef;
import dev.paved.cluster.health.AppStatusReader;
import dev.paved.cluster.health.HealthStatus;
import dev.paved.cluster.sandbox.ComponentStatus;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxComponent;
import dev.paved.cluster.sandbox.SandboxConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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

  private static KubernetesClient client(Path kubeconfig) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(2_000);
    config.setRequestTimeout(5_000);
    return new KubernetesClientBuilder().withConfig(config).build();
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
            Map.of("name", "settings", "namespace", "default"),
            "data",
            Map.of("mode", "fast"));
    List<ObjectRef> refs;
    try (KubernetesClient client = client(sandbox.kubeconfig())) {
      refs = new Applier(client).apply(List.of(config)).stream().map(ApplyOutcome::ref).toList();
      assertThat(new AppStatusReader(client).read(refs).overall().status())
          .isEqualTo(HealthStatus.HEALTHY);
    }

    long apiserver =
        sandbox.status().components().stream()
            .filter(c -> c.component() == SandboxComponent.KUBE_APISERVER)
            .map(ComponentStatus::pid)
            .findFirst()
            .orElseThrow()
            .getAsLong();
    ProcessHandle.of(apiserver).orElseThrow().destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ProcessHandle.of(apiserver).map(h -> !h.isAlive()).orElse(true));

    try (KubernetesClient client = client(sandbox.kubeconfig())) {
      var health = new AppStatusReader(client).read(refs).overall();
      assertThat(health.status()).isEqualTo(HealthStatus.UNKNOWN);
      assertThat(health.message()).contains("unreachable");
    }

    sandbox.up(); // restarts the dead component; etcd keeps the objects
    try (KubernetesClient client = client(sandbox.kubeconfig())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(new AppStatusReader(client).read(refs).overall().status())
                      .isEqualTo(HealthStatus.HEALTHY));
    }
  }
}
