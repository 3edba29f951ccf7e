package dev.paved.cluster.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates the fake nodes of a {@link NodePlan} and tells when kwok has made them Ready. Nodes that
 * already exist (a restarted sandbox keeps its etcd data) are left as they are.
 */
final class FakeNodeInstaller {

  private final KubernetesClient client;
  private final List<Node> nodes;

  FakeNodeInstaller(KubernetesClient client, NodePlan plan) {
    this.client = client;
    this.nodes = FakeNodeFactory.nodes(plan);
  }

  void createMissing() {
    Set<String> existing =
        client.nodes().list().getItems().stream()
            .map(n -> n.getMetadata().getName())
            .collect(Collectors.toSet());
    for (Node node : nodes) {
      if (!existing.contains(node.getMetadata().getName())) {
        client.nodes().resource(node).create();
      }
    }
  }

  /** The planned nodes that are not Ready yet; empty when all are. */
  List<String> notReady() {
    Set<String> ready =
        client.nodes().list().getItems().stream()
            .filter(FakeNodeInstaller::isReady)
            .map(n -> n.getMetadata().getName())
            .collect(Collectors.toSet());
    return nodes.stream()
        .map(n -> n.getMetadata().getName())
        .filter(n -> !ready.contains(n))
        .toList();
  }

  private static boolean isReady(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
