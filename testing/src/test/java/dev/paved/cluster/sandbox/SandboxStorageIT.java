package dev.paved.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox provisions volumes for claims of its default StorageClass, and reclaims them. */
@SandboxTest
class SandboxStorageIT {

  private final KubernetesClient client;

  SandboxStorageIT(KubernetesClient client) {
    this.client = client;
  }

  @Test
  void aClaimWithoutAClassGetsTheDefaultClassAndIsBoundThenItsVolumeGoesWithIt() {
    assertThat(
            client
                .storage()
                .v1()
                .storageClasses()
                .withName("standard")
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry("storageclass.kubernetes.io/is-default-class", "true");
    PersistentVolumeClaim claim =
        client
            .resource(
                new PersistentVolumeClaimBuilder()
                    .withNewMetadata()
                    .withName("model-cache")
                    .endMetadata()
                    .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withNewResources()
                    .withRequests(Map.of("storage", new Quantity("50Gi")))
                    .endResources()
                    .endSpec()
                    .build())
            .create();
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("standard");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "Bound"
                    .equals(
                        client
                            .persistentVolumeClaims()
                            .withName("model-cache")
                            .get()
                            .getStatus()
                            .getPhase()));
    String volume =
        client.persistentVolumeClaims().withName("model-cache").get().getSpec().getVolumeName();
    assertThat(
            client
                .persistentVolumes()
                .withName(volume)
                .get()
                .getSpec()
                .getCapacity()
                .get("storage"))
        .isEqualTo(new Quantity("50Gi"));

    client.persistentVolumeClaims().withName("model-cache").delete();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.persistentVolumes().withName(volume).get() == null);
  }
}
