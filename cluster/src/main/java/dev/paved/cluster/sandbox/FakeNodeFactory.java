package dev.paved.cluster.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the fake Node objects of a {@link NodePlan}: annotated for kwok, labelled like GPU feature
 * discovery labels real GPU nodes, GPU nodes tainted {@code nvidia.com/gpu=present: NoSchedule} and
 * advertising {@code nvidia.com/gpu} in capacity and allocatable. The status is set at creation;
 * the node-ready stage (paved-nodes.yaml) leaves capacity and allocatable as they are.
 */
final class FakeNodeFactory {

  private FakeNodeFactory() {}

  static List<Node> nodes(NodePlan plan) {
    List<Node> nodes = new ArrayList<>();
    for (NodePool pool : NodePool.values()) {
      for (int i = 0; i < plan.count(pool); i++) {
        nodes.add(node(pool, pool.nodeName(i), plan.profile()));
      }
    }
    return List.copyOf(nodes);
  }

  static Node node(NodePool pool, String name, CloudProfile profile) {
    NodeBuilder builder =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .withAnnotations(Map.of(SandboxLabels.KWOK_NODE, "fake"))
            .withLabels(labels(pool, name, profile))
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .withNewStatus()
            .withCapacity(resources(pool))
            .withAllocatable(resources(pool))
            .endStatus();
    if (pool.gpuCount() > 0) {
      builder
          .editSpec()
          .addNewTaint()
          .withKey(SandboxLabels.GPU_RESOURCE)
          .withValue("present")
          .withEffect("NoSchedule")
          .endTaint()
          .endSpec();
    }
    return builder.build();
  }

  private static Map<String, String> labels(NodePool pool, String name, CloudProfile profile) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("type", "kwok");
    labels.put(SandboxLabels.NODE_POOL, pool.poolName());
    pool.gpuProduct()
        .ifPresent(
            product -> {
              labels.put(SandboxLabels.GPU_PRESENT, "true");
              labels.put(SandboxLabels.GPU_PRODUCT, product);
              labels.put(SandboxLabels.GPU_COUNT, String.valueOf(pool.gpuCount()));
              labels.put(SandboxLabels.GPU_MEMORY, pool.gpuMemoryMiB());
            });
    labels.putAll(profile.labels(pool));
    return labels;
  }

  private static Map<String, Quantity> resources(NodePool pool) {
    Map<String, Quantity> resources = new LinkedHashMap<>();
    resources.put("cpu", new Quantity(pool.cpu()));
    resources.put("memory", new Quantity(pool.memory()));
    resources.put("pods", new Quantity("110"));
    resources.put("ephemeral-storage", new Quantity("500Gi"));
    if (pool.gpuCount() > 0) {
      resources.put(SandboxLabels.GPU_RESOURCE, new Quantity(String.valueOf(pool.gpuCount())));
    }
    return resources;
  }
}
