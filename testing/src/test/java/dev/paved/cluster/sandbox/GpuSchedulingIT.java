package dev.paved.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real scheduler places GPU work on the sandbox's fake GPU nodes, and refuses too much. */
@SandboxTest
class GpuSchedulingIT {

  private static final Duration BOUND = Duration.ofSeconds(30);

  private final KubernetesClient client;

  GpuSchedulingIT(KubernetesClient client) {
    this.client = client;
  }

  @Test
  void deploymentAskingForOneL4IsScheduledOnAnL4NodeAndBecomesReady() {
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("l4-chat")
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .withMatchLabels(Map.of("app", "l4-chat"))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Map.of("app", "l4-chat"))
            .endMetadata()
            .withNewSpec()
            .withNodeSelector(Map.of(SandboxLabels.GPU_PRODUCT, "NVIDIA-L4"))
            .addNewToleration()
            .withKey(SandboxLabels.GPU_RESOURCE)
            .withOperator("Exists")
            .withEffect("NoSchedule")
            .endToleration()
            .addNewContainer()
            .withName("vllm")
            .withImage("vllm/vllm-openai:v0.11.0")
            .withNewResources()
            .withLimits(Map.of(SandboxLabels.GPU_RESOURCE, new Quantity("1")))
            .endResources()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();

    client.resource(deployment).create();

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              List<Pod> pods = client.pods().withLabel("app", "l4-chat").list().getItems();
              assertThat(pods).hasSize(1);
              Pod pod = pods.getFirst();
              assertThat(pod.getSpec().getNodeName()).startsWith("sandbox-nvidia-l4-");
              assertThat(client.nodes().withName(pod.getSpec().getNodeName()).get())
                  .satisfies(
                      node ->
                          assertThat(node.getMetadata().getLabels())
                              .containsEntry(SandboxLabels.GPU_PRODUCT, "NVIDIA-L4"));
              assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
              assertThat(pod.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Ready");
                        assertThat(c.getStatus()).isEqualTo("True");
                      });
            });
    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .until(
            () ->
                Integer.valueOf(1)
                    .equals(
                        client
                            .apps()
                            .deployments()
                            .withName("l4-chat")
                            .get()
                            .getStatus()
                            .getReadyReplicas()));
  }

  @Test
  void podAskingForSixteenGpusStaysPendingWithInsufficientGpuEvent() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("too-big")
            .endMetadata()
            .withNewSpec()
            .addNewToleration()
            .withKey(SandboxLabels.GPU_RESOURCE)
            .withOperator("Exists")
            .withEffect("NoSchedule")
            .endToleration()
            .addNewContainer()
            .withName("train")
            .withImage("pytorch/pytorch:2.9.0-cuda12.8-cudnn9-runtime")
            .withNewResources()
            .withLimits(Map.of(SandboxLabels.GPU_RESOURCE, new Quantity("16")))
            .endResources()
            .endContainer()
            .endSpec()
            .build();

    client.resource(pod).create();

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(schedulingEvents("too-big"))
                    .anySatisfy(
                        e -> assertThat(e.getMessage()).contains("Insufficient nvidia.com/gpu")));
    Pod pending = client.pods().withName("too-big").get();
    assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(pending.getSpec().getNodeName()).isNull();
    assertThat(pending.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("PodScheduled");
              assertThat(c.getReason()).isEqualTo("Unschedulable");
            });
  }

  private List<Event> schedulingEvents(String podName) {
    return client.v1().events().list().getItems().stream()
        .filter(e -> "Pod".equals(e.getInvolvedObject().getKind()))
        .filter(e -> podName.equals(e.getInvolvedObject().getName()))
        .filter(e -> "FailedScheduling".equals(e.getReason()))
        .toList();
  }
}
