package dev.paved.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.doctor.Code;
import dev.paved.cluster.doctor.DoctorWatch;
import dev.paved.cluster.doctor.Finding;
import dev.paved.cluster.sandbox.SandboxLabels;
import dev.paved.core.render.Labels;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A namespace GPU quota that the second replica would exceed: the real API server refuses the pod,
 * the ReplicaSet controller reports FailedCreate, and the live doctor names the quota on the
 * Deployment within 10 s. In a class of its own, because the quota binds the whole namespace.
 */
@SandboxTest
class DoctorQuotaIT {

  private final KubernetesClient client;

  DoctorQuotaIT(KubernetesClient client) {
    this.client = client;
  }

  @Test
  void aReplicaTheGpuQuotaRefusesIsQuotaExceededOnTheDeployment() {
    client
        .resource(
            new ResourceQuotaBuilder()
                .withNewMetadata()
                .withName("gpus")
                .endMetadata()
                .withNewSpec()
                .withHard(Map.of("requests.nvidia.com/gpu", new Quantity("1")))
                .endSpec()
                .build())
        .create();
    await().atMost(Duration.ofSeconds(30)).until(() -> quotaCounted());
    try (DoctorWatch watch =
        DoctorWatch.start(client, client.getNamespace(), Clock.systemUTC(), u -> {})) {
      client.resource(trainer()).create();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  client.v1().events().list().getItems().stream()
                      .anyMatch(
                          e ->
                              "FailedCreate".equals(e.getReason())
                                  && e.getMessage().contains("exceeded quota: gpus")));

      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () ->
                  assertThat(watch.current("trainer").findings())
                      .extracting(Finding::code)
                      .contains(Code.QUOTA_EXCEEDED));
      Finding finding =
          watch.current("trainer").findings().stream()
              .filter(f -> f.code() == Code.QUOTA_EXCEEDED)
              .findFirst()
              .orElseThrow();
      assertThat(finding.object()).isEqualTo("Deployment/" + client.getNamespace() + "/trainer");
      assertThat(finding.summary()).contains("\"gpus\"");
      assertThat(finding.evidence())
          .anySatisfy(e -> assertThat(e).contains("requests.nvidia.com/gpu"));
    }
  }

  private boolean quotaCounted() {
    var quota = client.resourceQuotas().withName("gpus").get();
    return quota.getStatus() != null && quota.getStatus().getHard() != null;
  }

  private static io.fabric8.kubernetes.api.model.apps.Deployment trainer() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("trainer")
        .withLabels(Map.of(Labels.APP, "trainer"))
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .withMatchLabels(Map.of("app", "trainer"))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", "trainer", Labels.APP, "trainer"))
        .endMetadata()
        .withNewSpec()
        .withNodeSelector(Map.of(SandboxLabels.GPU_PRODUCT, "NVIDIA-L4"))
        .addNewToleration()
        .withKey(SandboxLabels.GPU_RESOURCE)
        .withOperator("Exists")
        .withEffect("NoSchedule")
        .endToleration()
        .addNewContainer()
        .withName("train")
        .withImage("ghcr.io/acme/trainer:1.0")
        .withNewResources()
        .withLimits(Map.of(SandboxLabels.GPU_RESOURCE, new Quantity("1")))
        .endResources()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
