package dev.paved.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kubelet's event wording for each failing container state (k8s-failure-signals.md §4, §6). */
class KubeletEventsTest {

  private static final Pod POD =
      new PodBuilder()
          .withNewMetadata()
          .withName("chat-7d9")
          .withNamespace("search-dev")
          .withUid("u-1")
          .endMetadata()
          .build();

  private static ContainerStatus waiting(String reason, String image) {
    return new ContainerStatusBuilder()
        .withName("vllm")
        .withImage(image)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .endWaiting()
        .endState()
        .build();
  }

  @Test
  void aFailedPullWritesPullingTheCriErrorAndErrImagePull() {
    assertThat(
            KubeletEvents.forTransition(
                POD, waiting("ErrImagePull", "vllm/vllm-openai:v9"), Optional.empty()))
        .extracting(KubeletEvents.Spec::message)
        .containsExactly(
            "Pulling image \"vllm/vllm-openai:v9\"",
            "Failed to pull image \"vllm/vllm-openai:v9\": rpc error: code = NotFound desc = failed to pull and unpack image"
                + " \"docker.io/vllm/vllm-openai:v9\": failed to resolve reference \"docker.io/vllm/vllm-openai:v9\":"
                + " docker.io/vllm/vllm-openai:v9: not found",
            "Error: ErrImagePull");
  }

  @Test
  void theBackOffNamesTheImageOrTheContainerAndPod() {
    assertThat(
            KubeletEvents.forTransition(
                POD, waiting("ImagePullBackOff", "nginx:1"), Optional.of("ErrImagePull")))
        .extracting(KubeletEvents.Spec::message)
        .containsExactly("Back-off pulling image \"nginx:1\"", "Error: ImagePullBackOff");
    assertThat(
            KubeletEvents.forTransition(
                POD, waiting("CrashLoopBackOff", "nginx:1"), Optional.empty()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("Warning");
              assertThat(e.message())
                  .isEqualTo(
                      "Back-off restarting failed container vllm in pod chat-7d9_search-dev(u-1)");
            });
  }

  @Test
  void nothingIsWrittenWhileTheStateStaysTheSame() {
    assertThat(
            KubeletEvents.forTransition(
                POD, waiting("CrashLoopBackOff", "x:1"), Optional.of("CrashLoopBackOff")))
        .isEmpty();
  }

  @Test
  void imagesWithoutARegistryAreNamedTheWayContainerdNamesThem() {
    assertThat(KubeletEvents.fullReference("nginx:1")).isEqualTo("docker.io/library/nginx:1");
    assertThat(KubeletEvents.fullReference("org/app:1")).isEqualTo("docker.io/org/app:1");
    assertThat(KubeletEvents.fullReference("ghcr.io/org/app:1")).isEqualTo("ghcr.io/org/app:1");
    assertThat(KubeletEvents.fullReference("localhost:5000/app:1"))
        .isEqualTo("localhost:5000/app:1");
  }
}
