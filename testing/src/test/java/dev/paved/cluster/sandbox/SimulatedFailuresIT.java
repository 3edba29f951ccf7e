package dev.paved.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each {@code sandbox.paved.dev/simulate} value produces the container state and events a real
 * kubelet writes (shared reference k8s-failure-signals.md), and unannotated pods still run and
 * complete.
 */
@SandboxTest
class SimulatedFailuresIT {

  private static final Duration BOUND = Duration.ofSeconds(30);

  private final KubernetesClient client;

  SimulatedFailuresIT(KubernetesClient client) {
    this.client = client;
  }

  @Test
  void imageNotFoundGivesErrImagePullThenImagePullBackOffWithTheCause() {
    create(pod("missing-image", Simulation.IMAGE_NOT_FOUND, "ghcr.io/acme/chat:does-not-exist"));

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              ContainerStatus status = container("missing-image");
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
              assertThat(status.getState().getWaiting().getMessage())
                  .startsWith("Back-off pulling image \"ghcr.io/acme/chat:does-not-exist\"")
                  .contains("ErrImagePull: rpc error: code = NotFound")
                  .endsWith("ghcr.io/acme/chat:does-not-exist: not found");
              assertThat(status.getReady()).isFalse();
            });
    assertThat(pod("missing-image").getStatus().getPhase()).isEqualTo("Pending");
    String image = "ghcr.io/acme/chat:does-not-exist";
    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(eventReasonsAndMessages("missing-image"))
                    .contains(
                        "Pulling: Pulling image \"" + image + "\"",
                        "Failed: Failed to pull image \""
                            + image
                            + "\": rpc error: code = NotFound desc = failed to pull and unpack image \""
                            + image
                            + "\": failed to resolve reference \""
                            + image
                            + "\": "
                            + image
                            + ": not found",
                        "Failed: Error: ErrImagePull",
                        "BackOff: Back-off pulling image \"" + image + "\"",
                        "Failed: Error: ImagePullBackOff"));
    assertThat(events("missing-image"))
        .filteredOn(e -> !"Scheduled".equals(e.getReason()))
        .allSatisfy(
            e -> {
              assertThat(e.getSource().getComponent()).isEqualTo("kubelet");
              assertThat(e.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{app}");
            });
  }

  @Test
  void crashLoopGivesCrashLoopBackOffWithLastStateErrorAndGrowingRestarts() {
    create(pod("crasher", Simulation.CRASH_LOOP, "ghcr.io/acme/chat:1.0"));

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              ContainerStatus status = container("crasher");
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(status.getState().getWaiting().getMessage())
                  .matches("back-off 10s restarting failed container=app pod=crasher_.+\\(.+\\)");
              assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
              assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
              assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(1);
            });
    assertThat(pod("crasher").getStatus().getPhase()).isEqualTo("Running");
    assertBackOffEvent("crasher");
  }

  @Test
  void oomGivesOomKilledExit137InLastState() {
    create(pod("hungry", Simulation.OOM, "ghcr.io/acme/chat:1.0"));

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              ContainerStatus status = container("hungry");
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
              assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(137);
            });
    assertBackOffEvent("hungry");
  }

  @Test
  void gpuOomCrashesWithCudaOutOfMemoryAsTerminationMessage() {
    create(pod("cuda-hungry", Simulation.GPU_OOM, "vllm/vllm-openai:v0.11.0"));

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              ContainerStatus status = container("cuda-hungry");
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
              assertThat(status.getLastState().getTerminated().getMessage())
                  .startsWith("torch.OutOfMemoryError: CUDA out of memory.");
            });
    assertBackOffEvent("cuda-hungry");
  }

  @Test
  void neverReadyRunsButIsNotReadyWithUnhealthyEvent() {
    create(pod("sleepy", Simulation.NEVER_READY, "ghcr.io/acme/chat:1.0"));

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Pod pod = pod("sleepy");
              assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
              assertThat(container("sleepy").getState().getRunning()).isNotNull();
              assertThat(container("sleepy").getReady()).isFalse();
              assertThat(pod.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Ready");
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getReason()).isEqualTo("ContainersNotReady");
                      });
              assertThat(eventReasonsAndMessages("sleepy"))
                  .contains(
                      "Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503");
            });
  }

  @Test
  void crashWithRestartPolicyNeverFailsThePod() {
    Pod pod = pod("one-shot", Simulation.CRASH_LOOP, "ghcr.io/acme/batch:1.0");
    pod.getSpec().setRestartPolicy("Never");
    create(pod);

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(pod("one-shot").getStatus().getPhase()).isEqualTo("Failed");
              assertThat(container("one-shot").getState().getTerminated().getExitCode())
                  .isEqualTo(1);
            });
  }

  @Test
  void jobWithoutSimulationCompletes() {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName("batch")
            .endMetadata()
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .withRestartPolicy("Never")
            .addNewContainer()
            .withName("work")
            .withImage("ghcr.io/acme/batch:1.0")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(job).create();

    await()
        .atMost(BOUND)
        .ignoreExceptions()
        .until(
            () -> {
              Integer succeeded =
                  client.batch().v1().jobs().withName("batch").get().getStatus().getSucceeded();
              return succeeded != null && succeeded == 1;
            });
  }

  private static Pod pod(String name, Simulation simulation, String image) {
    return SimulatedPods.failing(name, simulation, image);
  }

  private void create(Pod pod) {
    client.resource(pod).create();
  }

  private Pod pod(String name) {
    return client.pods().withName(name).get();
  }

  private ContainerStatus container(String podName) {
    List<ContainerStatus> statuses = pod(podName).getStatus().getContainerStatuses();
    assertThat(statuses).as("container statuses of " + podName).isNotEmpty();
    return statuses.getFirst();
  }

  /** The kubelet's back-off event, naming container, pod, namespace and uid (v1.22+ wording). */
  private void assertBackOffEvent(String podName) {
    Pod pod = pod(podName);
    String expected =
        "BackOff: Back-off restarting failed container app in pod "
            + podName
            + "_"
            + pod.getMetadata().getNamespace()
            + "("
            + pod.getMetadata().getUid()
            + ")";
    await()
        .atMost(BOUND)
        .untilAsserted(() -> assertThat(eventReasonsAndMessages(podName)).contains(expected));
    assertThat(events(podName))
        .filteredOn(e -> "BackOff".equals(e.getReason()))
        .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
  }

  private List<Event> events(String podName) {
    return client.v1().events().list().getItems().stream()
        .filter(e -> "Pod".equals(e.getInvolvedObject().getKind()))
        .filter(e -> podName.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private List<String> eventReasonsAndMessages(String podName) {
    return events(podName).stream()
        .map((Event e) -> e.getReason() + ": " + e.getMessage())
        .toList();
  }
}
