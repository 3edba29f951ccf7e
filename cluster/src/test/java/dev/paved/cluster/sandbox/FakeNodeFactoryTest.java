package dev.paved.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Node;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeNodeFactoryTest {

  @Test
  void defaultPlanHasTwoCpuTwoL4OneA100AndOneH100Nodes() {
    List<Node> nodes = FakeNodeFactory.nodes(NodePlan.defaults());

    assertThat(nodes)
        .extracting(n -> n.getMetadata().getName())
        .containsExactly(
            "sandbox-cpu-0",
            "sandbox-cpu-1",
            "sandbox-nvidia-l4-0",
            "sandbox-nvidia-l4-1",
            "sandbox-nvidia-a100-80gb-0",
            "sandbox-nvidia-h100-80gb-0");
    assertThat(nodes)
        .allSatisfy(
            n ->
                assertThat(n.getMetadata().getAnnotations())
                    .containsEntry("kwok.x-k8s.io/node", "fake"));
  }

  @Test
  void gpuNodesMatchEveryGpuClassOfTheSandboxTarget() throws IOException {
    JsonNode classes = sandboxTarget().path("spec").path("gpuClasses");
    List<Node> nodes = FakeNodeFactory.nodes(NodePlan.defaults());

    assertThat(classes.size()).isEqualTo(3);
    for (Map.Entry<String, JsonNode> gpuClass : classes.properties()) {
      String product =
          gpuClass.getValue().path("nodeSelector").path("nvidia.com/gpu.product").asText();
      int maxPerNode = gpuClass.getValue().path("maxPerNode").asInt();
      String tolerated = gpuClass.getValue().path("tolerations").get(0).path("key").asText();
      List<Node> matching =
          nodes.stream()
              .filter(
                  n -> product.equals(n.getMetadata().getLabels().get("nvidia.com/gpu.product")))
              .toList();

      assertThat(matching).as(gpuClass.getKey()).isNotEmpty();
      assertThat(matching)
          .allSatisfy(
              node -> {
                assertThat(node.getStatus().getAllocatable().get("nvidia.com/gpu").getAmount())
                    .isEqualTo(String.valueOf(maxPerNode));
                assertThat(node.getSpec().getTaints())
                    .singleElement()
                    .satisfies(
                        t -> {
                          assertThat(t.getKey()).isEqualTo(tolerated);
                          assertThat(t.getEffect()).isEqualTo("NoSchedule");
                        });
              });
    }
  }

  @Test
  void cpuNodesHaveNoGpuAndNoTaint() {
    Node cpu = FakeNodeFactory.node(NodePool.CPU, "c", CloudProfile.NONE);

    assertThat(cpu.getStatus().getCapacity()).doesNotContainKey("nvidia.com/gpu");
    assertThat(cpu.getSpec().getTaints()).isEmpty();
  }

  @Test
  void gkeProfileAddsTheAcceleratorLabel() {
    Node l4 = FakeNodeFactory.node(NodePool.L4, "n", CloudProfile.GKE);

    assertThat(l4.getMetadata().getLabels())
        .containsEntry("cloud.google.com/gke-accelerator", "nvidia-l4");
  }

  private static JsonNode sandboxTarget() throws IOException {
    try (InputStream in =
        FakeNodeFactoryTest.class.getResourceAsStream("/paved/platform/targets/sandbox.yaml")) {
      assertThat(in).as("sandbox target resource of core").isNotNull();
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }
}
