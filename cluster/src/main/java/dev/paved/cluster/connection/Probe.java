package dev.paved.cluster.connection;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Asks a cluster, through a client, whether it answers; throws with the reason when it does not.
 */
@FunctionalInterface
public interface Probe {

  void ping(KubernetesClient client);
}
