package dev.paved.testing.sandbox;

import dev.paved.cluster.connection.ClusterConnection;
import dev.paved.cluster.connection.ClusterConnections;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Cluster connections whose every target is the sandbox the test's client points at. */
public final class TestClusters {

  private TestClusters() {}

  public static ClusterConnections allOnTheSandbox(KubernetesClient client) {
    return new ClusterConnections(
        name ->
            ClusterConnection.of(
                name,
                () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()).build()));
  }
}
