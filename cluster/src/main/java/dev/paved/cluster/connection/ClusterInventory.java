package dev.paved.cluster.connection;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a cluster offers, read at once: its Kubernetes version, its nodes, their allocatable CPU and
 * memory, and their GPUs by product (the product label GPU feature discovery or the cloud sets).
 *
 * @param version the API server's version ({@code v1.34.4})
 * @param nodes how many nodes
 * @param cpu allocatable CPU cores over every node
 * @param memoryGiB allocatable memory over every node
 * @param gpus allocatable GPUs by product
 */
public record ClusterInventory(
    String version, int nodes, double cpu, double memoryGiB, Map<String, Long> gpus) {

  public ClusterInventory {
    gpus = java.util.Collections.unmodifiableMap(new TreeMap<>(gpus));
  }

  /** Reads it with two requests (version, node list). */
  public static ClusterInventory read(KubernetesClient client) {
    String version = client.getKubernetesVersion().getGitVersion();
    List<Node> nodes = client.nodes().list().getItems();
    double cpu = 0;
    double memory = 0;
    Map<String, Long> gpus = new TreeMap<>();
    for (Node node : nodes) {
      Map<String, Quantity> allocatable =
          Optional.ofNullable(node.getStatus()).map(s -> s.getAllocatable()).orElse(Map.of());
      cpu += amount(allocatable.get("cpu"));
      memory += amount(allocatable.get("memory")) / (1024.0 * 1024 * 1024);
      countGpus(node, allocatable, gpus);
    }
    return new ClusterInventory(version, nodes.size(), cpu, memory, gpus);
  }

  private static double amount(Quantity quantity) {
    return quantity == null
        ? 0
        : Optional.ofNullable(quantity.getNumericalAmount()).orElse(BigDecimal.ZERO).doubleValue();
  }

  private static void countGpus(
      Node node, Map<String, Quantity> allocatable, Map<String, Long> gpus) {
    Map<String, String> labels =
        Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of());
    allocatable.forEach(
        (resource, quantity) -> {
          long count = (long) amount(quantity);
          if (resource.endsWith("/gpu") && count > 0) {
            gpus.merge(product(labels, resource), count, Long::sum);
          }
        });
  }

  /** The product label GPU feature discovery sets, else the cloud's accelerator label. */
  private static String product(Map<String, String> labels, String resource) {
    for (String suffix : List.of("gpu.product", "gpu-accelerator", "accelerator")) {
      Optional<String> found =
          labels.entrySet().stream()
              .filter(e -> e.getKey().endsWith(suffix))
              .map(Map.Entry::getValue)
              .sorted()
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
    }
    return resource;
  }
}
