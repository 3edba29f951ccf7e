package dev.paved.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.doctor.Code;
import dev.paved.cluster.doctor.DoctorWatch;
import dev.paved.cluster.doctor.Finding;
import dev.paved.cluster.sandbox.SandboxLabels;
import dev.paved.cluster.sandbox.SimulatedPods;
import dev.paved.cluster.sandbox.Simulation;
import dev.paved.core.render.Labels;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live doctor, watching a sandbox namespace, names each failure the sandbox can produce with
 * its code once the pod reached the failing state. The bounds are safety nets for a loaded machine,
 * not speed claims: how soon the doctor knows is measured by {@code bench/run.sh doctor}, beside
 * kubectl's own watch of the same pods (docs/benchmarks.md).
 */
@SandboxTest
class DoctorLiveIT {

  private static final Duration STATE_BOUND = Duration.ofSeconds(60);
  private static final Duration DIAGNOSIS_BOUND = Duration.ofSeconds(90);

  private final KubernetesClient client;
  private final List<DoctorWatch.Update> updates = new CopyOnWriteArrayList<>();
  private DoctorWatch watch;

  DoctorLiveIT(KubernetesClient client) {
    this.client = client;
  }

  @BeforeEach
  void watchTheNamespace() {
    watch = DoctorWatch.start(client, client.getNamespace(), Clock.systemUTC(), updates::add);
  }

  @AfterEach
  void stopWatching() {
    watch.close();
  }

  @Test
  void aMissingImageIsImageNotFound() {
    create(pod("missing-image", Simulation.IMAGE_NOT_FOUND, "ghcr.io/acme/chat:does-not-exist"));
    awaitContainer(
        "missing-image", c -> waiting(c, "ErrImagePull") || waiting(c, "ImagePullBackOff"));

    Finding finding = diagnosed("missing-image", Code.IMAGE_NOT_FOUND);
    assertThat(finding.summary()).contains("ghcr.io/acme/chat:does-not-exist");
    assertThat(finding.evidence()).anySatisfy(e -> assertThat(e).contains("not found"));
  }

  @Test
  void aCrashingContainerIsCrashLoop() {
    create(pod("crasher", Simulation.CRASH_LOOP, "ghcr.io/acme/chat:1.0"));
    awaitContainer("crasher", c -> waiting(c, "CrashLoopBackOff"));

    diagnosed("crasher", Code.CRASH_LOOP);
  }

  @Test
  void aContainerKilledForMemoryIsOomKilledWithAMemoryPatch() {
    Pod pod = pod("hungry", Simulation.OOM, "ghcr.io/acme/chat:1.0");
    pod.getSpec()
        .getContainers()
        .getFirst()
        .setResources(
            new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .withLimits(Map.of("memory", new Quantity("4Gi")))
                .build());
    create(pod);
    awaitContainer(
        "hungry", c -> waiting(c, "CrashLoopBackOff") && c.getLastState().getTerminated() != null);

    Finding finding = diagnosed("hungry", Code.OOM_KILLED);
    assertThat(finding.specPatch()).contains(Map.of("with", Map.of("memory", "8Gi")));
  }

  @Test
  void aPodThatNeverGetsReadyIsReadinessFailing() {
    create(pod("sleepy", Simulation.NEVER_READY, "ghcr.io/acme/chat:1.0"));
    awaitContainer(
        "sleepy", c -> c.getState().getRunning() != null && !Boolean.TRUE.equals(c.getReady()));

    diagnosed("sleepy", Code.READINESS_FAILING);
  }

  @Test
  void aCudaOutOfMemoryCrashIsGpuOutOfMemoryNotCrashLoop() {
    create(pod("cuda-hungry", Simulation.GPU_OOM, "vllm/vllm-openai:v0.11.0"));
    awaitContainer("cuda-hungry", c -> waiting(c, "CrashLoopBackOff"));

    diagnosed("cuda-hungry", Code.GPU_OUT_OF_MEMORY);
    assertThat(codes("cuda-hungry")).doesNotContain(Code.CRASH_LOOP);
  }

  @Test
  void askingForMoreGpusThanAnyNodeHasIsInsufficientGpuWithAPatch() {
    Pod pod = plainPod("greedy", "vllm/vllm-openai:v0.11.0");
    pod.getSpec().setNodeSelector(Map.of(SandboxLabels.GPU_PRODUCT, "NVIDIA-H100-80GB-HBM3"));
    pod.getSpec().setTolerations(List.of(gpuToleration()));
    pod.getSpec()
        .getContainers()
        .getFirst()
        .setResources(
            new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .withLimits(Map.of(SandboxLabels.GPU_RESOURCE, new Quantity("16")))
                .build());
    create(pod);
    awaitUnschedulable("greedy");

    Finding finding = diagnosed("greedy", Code.INSUFFICIENT_GPU);
    assertThat(finding.specPatch()).contains(Map.of("with", Map.of("gpus", 8)));
  }

  @Test
  void aGpuClassNoNodeHasIsNodeSelectorMismatchNamingTheClassesThatExist() {
    Pod pod = plainPod("wrong-class", "vllm/vllm-openai:v0.11.0");
    pod.getSpec().setNodeSelector(Map.of(SandboxLabels.GPU_PRODUCT, "NVIDIA-B200"));
    pod.getSpec().setTolerations(List.of(gpuToleration()));
    create(pod);
    awaitUnschedulable("wrong-class");

    Finding finding = diagnosed("wrong-class", Code.NODE_SELECTOR_MISMATCH);
    assertThat(finding.evidence()).anySatisfy(e -> assertThat(e).contains("NVIDIA-L4"));
  }

  @Test
  void aMissingSecretIsConfigMissingNamingTheSecret() {
    Pod pod = pod("no-token", Simulation.MISSING_SECRET, "vllm/vllm-openai:v0.11.0");
    pod.getSpec()
        .getContainers()
        .getFirst()
        .setEnv(
            List.of(
                new io.fabric8.kubernetes.api.model.EnvVarBuilder()
                    .withName("HF_TOKEN")
                    .withNewValueFrom()
                    .withNewSecretKeyRef("HF_TOKEN", "no-token-secrets", false)
                    .endValueFrom()
                    .build()));
    create(pod);
    awaitContainer("no-token", c -> waiting(c, "CreateContainerConfigError"));

    Finding finding = diagnosed("no-token", Code.CONFIG_MISSING);
    assertThat(finding.summary()).contains("no-token-secrets");
  }

  @Test
  void theListenerHearsEachAppWhoseFindingsChange() {
    create(pod("heard", Simulation.CRASH_LOOP, "ghcr.io/acme/chat:1.0"));
    awaitContainer("heard", c -> waiting(c, "CrashLoopBackOff"));

    await()
        .atMost(DIAGNOSIS_BOUND)
        .untilAsserted(
            () ->
                assertThat(updates)
                    .anySatisfy(
                        u -> {
                          assertThat(u.app()).isEqualTo("heard");
                          assertThat(u.diagnosis().findings()).isNotEmpty();
                        }));
  }

  private Finding diagnosed(String app, Code code) {
    await()
        .atMost(DIAGNOSIS_BOUND)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(codes(app)).contains(code));
    Finding finding =
        watch.current(app).findings().stream()
            .filter(f -> f.code() == code)
            .findFirst()
            .orElseThrow();
    assertThat(finding.summary()).isNotBlank();
    assertThat(finding.fix()).isNotBlank();
    assertThat(finding.evidence()).isNotEmpty();
    assertThat(finding.app()).contains(app);
    return finding;
  }

  private List<Code> codes(String app) {
    return watch.current(app).findings().stream().map(Finding::code).toList();
  }

  private void awaitContainer(String name, Predicate<ContainerStatus> state) {
    await()
        .atMost(STATE_BOUND)
        .ignoreExceptions()
        .until(
            () ->
                Optional.ofNullable(
                        client.pods().withName(name).get().getStatus().getContainerStatuses())
                    .filter(s -> !s.isEmpty())
                    .map(s -> state.test(s.getFirst()))
                    .orElse(false));
  }

  private void awaitUnschedulable(String name) {
    await()
        .atMost(STATE_BOUND)
        .ignoreExceptions()
        .until(
            () ->
                client.pods().withName(name).get().getStatus().getConditions().stream()
                    .anyMatch(
                        c ->
                            "PodScheduled".equals(c.getType())
                                && "Unschedulable".equals(c.getReason())));
  }

  private static boolean waiting(ContainerStatus status, String reason) {
    return status.getState().getWaiting() != null
        && reason.equals(status.getState().getWaiting().getReason());
  }

  private static io.fabric8.kubernetes.api.model.Toleration gpuToleration() {
    return new io.fabric8.kubernetes.api.model.TolerationBuilder()
        .withKey(SandboxLabels.GPU_RESOURCE)
        .withOperator("Exists")
        .withEffect("NoSchedule")
        .build();
  }

  private static Pod pod(String name, Simulation simulation, String image) {
    return labelled(SimulatedPods.failing(name, simulation, image));
  }

  private static Pod plainPod(String name, String image) {
    return labelled(SimulatedPods.plain(name, image));
  }

  private static Pod labelled(Pod pod) {
    pod.getMetadata().setLabels(Map.of(Labels.APP, pod.getMetadata().getName()));
    return pod;
  }

  private void create(Pod pod) {
    client.resource(pod).create();
  }
}
