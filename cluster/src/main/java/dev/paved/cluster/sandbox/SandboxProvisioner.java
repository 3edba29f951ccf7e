package dev.paved.cluster.sandbox;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's storage: a default StorageClass {@value #CLASS} and a provisioner for it, as kind's
 * local-path provisioner is for kind. A claim of that class gets a PersistentVolume of its size and
 * access modes at once (binding mode Immediate); the real PV controller binds them; a released
 * volume is deleted. Nothing is written to disk: KWOK's pods never mount anything.
 */
final class SandboxProvisioner implements AutoCloseable {

  static final String PROVISIONER = "sandbox.paved.dev/local";
  static final String CLASS = "standard";
  private static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";

  private final KubernetesClient client;
  private final SharedIndexInformer<PersistentVolumeClaim> claims;
  private final SharedIndexInformer<PersistentVolume> volumes;

  SandboxProvisioner(KubernetesClient client) {
    this.client = client;
    ensureStorageClass(client);
    this.claims =
        client
            .persistentVolumeClaims()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(PersistentVolumeClaim claim) {
                    provision(claim);
                  }

                  @Override
                  public void onUpdate(PersistentVolumeClaim before, PersistentVolumeClaim claim) {
                    provision(claim);
                  }

                  @Override
                  public void onDelete(PersistentVolumeClaim claim, boolean unknownFinalState) {}
                });
    this.volumes =
        client
            .persistentVolumes()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(PersistentVolume volume) {
                    reclaim(volume);
                  }

                  @Override
                  public void onUpdate(PersistentVolume before, PersistentVolume volume) {
                    reclaim(volume);
                  }

                  @Override
                  public void onDelete(PersistentVolume volume, boolean unknownFinalState) {}
                });
  }

  /** Creates the default StorageClass when missing; {@code up} calls it before it returns. */
  static void ensureStorageClass(KubernetesClient client) {
    if (client.storage().v1().storageClasses().withName(CLASS).get() != null) {
      return;
    }
    try {
      client
          .storage()
          .v1()
          .storageClasses()
          .resource(
              new StorageClassBuilder()
                  .withNewMetadata()
                  .withName(CLASS)
                  .withAnnotations(Map.of("storageclass.kubernetes.io/is-default-class", "true"))
                  .endMetadata()
                  .withProvisioner(PROVISIONER)
                  .withReclaimPolicy("Delete")
                  .withVolumeBindingMode("Immediate")
                  .withAllowVolumeExpansion(true)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  static boolean wanted(PersistentVolumeClaim claim) {
    return claim.getMetadata().getDeletionTimestamp() == null
        && CLASS.equals(claim.getSpec().getStorageClassName())
        && (claim.getSpec().getVolumeName() == null || claim.getSpec().getVolumeName().isEmpty())
        && claim.getStatus() != null
        && "Pending".equals(claim.getStatus().getPhase());
  }

  private void provision(PersistentVolumeClaim claim) {
    if (!wanted(claim)) {
      return;
    }
    Quantity size =
        Optional.ofNullable(claim.getSpec().getResources())
            .flatMap(r -> Optional.ofNullable(r.getRequests()))
            .map(r -> r.get("storage"))
            .orElse(new Quantity("1Gi"));
    String uid = claim.getMetadata().getUid();
    PersistentVolume volume =
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName("pvc-" + uid)
            .withAnnotations(Map.of(PROVISIONED_BY, PROVISIONER))
            .endMetadata()
            .withNewSpec()
            .withCapacity(Map.of("storage", size))
            .withAccessModes(
                Optional.ofNullable(claim.getSpec().getAccessModes())
                    .orElse(List.of("ReadWriteOnce")))
            .withStorageClassName(CLASS)
            .withPersistentVolumeReclaimPolicy("Delete")
            .withVolumeMode(claim.getSpec().getVolumeMode())
            .withNewHostPath()
            .withPath("/var/lib/paved-sandbox/" + uid)
            .withType("DirectoryOrCreate")
            .endHostPath()
            .withNewClaimRef()
            .withApiVersion("v1")
            .withKind("PersistentVolumeClaim")
            .withNamespace(claim.getMetadata().getNamespace())
            .withName(claim.getMetadata().getName())
            .withUid(uid)
            .endClaimRef()
            .endSpec()
            .build();
    try {
      client.persistentVolumes().resource(volume).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        System.err.println(
            "provisioner: cannot create a volume for "
                + claim.getMetadata().getName()
                + ": "
                + e.getMessage());
      }
    }
  }

  private void reclaim(PersistentVolume volume) {
    boolean ours =
        PROVISIONER.equals(
            Optional.ofNullable(volume.getMetadata().getAnnotations())
                .map(a -> a.get(PROVISIONED_BY))
                .orElse(""));
    boolean released =
        volume.getStatus() != null && "Released".equals(volume.getStatus().getPhase());
    if (ours && released && volume.getMetadata().getDeletionTimestamp() == null) {
      try {
        client.persistentVolumes().withName(volume.getMetadata().getName()).delete();
      } catch (KubernetesClientException e) {
        System.err.println(
            "provisioner: cannot delete " + volume.getMetadata().getName() + ": " + e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    claims.close();
    volumes.close();
  }
}
