package dev.paved.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.health.Health;
import dev.paved.cluster.health.HealthStatus;
import dev.paved.cluster.health.ObjectHealth;
import dev.paved.testing.sandbox.SandboxNamespace;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health transitions of real objects on the sandbox's control plane. */
@SandboxTest
class HealthIT {

  private static final Duration BOUND = Duration.ofSeconds(60);

  private final KubernetesClient client;
  private final String namespace;

  HealthIT(KubernetesClient client, SandboxNamespace namespace) {
    this.client = client;
    this.namespace = namespace.name();
  }

  @SuppressWarnings("unchecked")
  private Health health(Object live) {
    return ObjectHealth.of(Serialization.unmarshal(Serialization.asJson(live), Map.class));
  }

  @Test
  void aDeploymentRollsOutThroughProgressingToHealthy() {
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .withNewSelector()
            .withMatchLabels(Map.of("app", "web"))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Map.of("app", "web"))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("ghcr.io/example/web:1.0.0")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Deployment created = client.resource(deployment).create();
    List<HealthStatus> seen = new ArrayList<>();
    seen.add(health(created).status());
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              HealthStatus now =
                  health(client.apps().deployments().inNamespace(namespace).withName("web").get())
                      .status();
              seen.add(now);
              return now == HealthStatus.HEALTHY;
            });
    assertThat(seen.getFirst())
        .as("a just-created deployment is not healthy yet")
        .isEqualTo(HealthStatus.PROGRESSING);
    assertThat(seen.getLast()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void aFailedJobIsDegradedWithItsReason() {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName("fails")
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(0)
            .withNewTemplate()
            .withNewMetadata()
            .withAnnotations(Map.of("sandbox.paved.dev/simulate", "crash-loop"))
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .addNewContainer()
            .withName("app")
            .withImage("ghcr.io/example/batch:1.0.0")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(job).create();
    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              Health health =
                  health(client.batch().v1().jobs().inNamespace(namespace).withName("fails").get());
              assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
              assertThat(health.message()).contains("BackoffLimitExceeded");
            });
  }
}
