package dev.paved.testing.sandbox;

import dev.paved.cluster.sandbox.ComponentStatus;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxComponent;
import dev.paved.core.render.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Paved deployed in a namespace, as the fault tests compare it before and after a fault: the
 * objects of the kinds its paths render that carry its managed-by label, and their UIDs (an object
 * deleted and created again has a new one).
 */
public final class ManagedObjects {

  private ManagedObjects() {}

  /** Paved's objects in {@code namespace}, those being deleted left out. */
  public static List<HasMetadata> in(KubernetesClient client, String namespace) {
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withLabel(Labels.MANAGED_BY)
            .list()
            .getItems());
    all.addAll(
        client.services().inNamespace(namespace).withLabel(Labels.MANAGED_BY).list().getItems());
    all.addAll(
        client
            .serviceAccounts()
            .inNamespace(namespace)
            .withLabel(Labels.MANAGED_BY)
            .list()
            .getItems());
    all.addAll(
        client
            .network()
            .networkPolicies()
            .inNamespace(namespace)
            .withLabel(Labels.MANAGED_BY)
            .list()
            .getItems());
    all.addAll(
        client.configMaps().inNamespace(namespace).withLabel(Labels.MANAGED_BY).list().getItems());
    all.removeIf(o -> o.getMetadata().getDeletionTimestamp() != null);
    return all;
  }

  /** Kind/name → UID of Paved's objects in {@code namespace}. */
  public static Map<String, String> uids(KubernetesClient client, String namespace) {
    Map<String, String> uids = new TreeMap<>();
    in(client, namespace)
        .forEach(
            o -> uids.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getUid()));
    return uids;
  }

  /** The process id of the sandbox's kube-apiserver (-1 when none is recorded). */
  public static long apiserverPid(Sandbox sandbox) {
    return sandbox.status().components().stream()
        .filter(c -> c.component() == SandboxComponent.KUBE_APISERVER)
        .map(ComponentStatus::pid)
        .findFirst()
        .orElseThrow()
        .orElse(-1);
  }
}
