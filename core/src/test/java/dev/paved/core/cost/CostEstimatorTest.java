package dev.paved.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.core.text.Quantities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Cost estimates against figures computed by hand from the built-in targets' prices (sandbox: L4
 * $0.707, A100-80GB $3.431 per GPU-hour; vCPU $0.031611/h, memory $0.004237/GiB-h, storage
 * $0.04/GiB-month; 730 hours a month).
 */
class CostEstimatorTest {

  private static final Platform PLATFORM = new PlatformLoader().builtIn();

  private static RenderedApp render(String text, String env, String target) {
    return new Renderer(PLATFORM)
        .render(new AppSpecParser().parse("paved.yaml", text), env, PLATFORM.requireTarget(target));
  }

  private static RenderedApp example(String name, String env) throws IOException {
    return render(Files.readString(Path.of("../examples", name + ".yaml")), env, "sandbox");
  }

  private static CostEstimate estimate(RenderedApp app, String target) {
    return new CostEstimator(PLATFORM.requireTarget(target)).estimate(app);
  }

  @Test
  void anAutoscaledInferenceServiceCostsItsGpuHoursAtMinAndMaxReplicas() throws IOException {
    Range total = estimate(example("llm-inference", "prod"), "sandbox").total().orElseThrow();
    // 1 L4 × $0.707 × 730 h = $516.11 per replica; 2 to 6 replicas
    assertThat(total.min()).isCloseTo(1032.22, within(0.005));
    assertThat(total.max()).isCloseTo(3096.66, within(0.005));
  }

  @Test
  void aMultiGpuTrainingJobCostsExpectedToDeadlineHoursPlusItsCheckpoints() throws IOException {
    CostEstimate estimate = estimate(example("fine-tune", "prod"), "sandbox");
    // 4 A100 × $3.431 = $13.724/h; 12 h expected, 24 h deadline; 200 GiB × $0.04 = $8
    assertThat(estimate.line("Job/support-lora").orElseThrow().monthly().orElseThrow())
        .satisfies(
            r -> {
              assertThat(r.min()).isCloseTo(164.688, within(0.001));
              assertThat(r.max()).isCloseTo(329.376, within(0.001));
            });
    assertThat(
            estimate
                .line("PersistentVolumeClaim/support-lora-checkpoints")
                .orElseThrow()
                .monthly()
                .orElseThrow()
                .max())
        .isCloseTo(8.0, within(0.001));
    assertThat(estimate.total().orElseThrow().max()).isCloseTo(337.376, within(0.001));
  }

  @Test
  void aCpuServiceCostsItsRequestedCoresAndMemory() throws IOException {
    Range total = estimate(example("web-service", "prod"), "sandbox").total().orElseThrow();
    // (0.5 × 0.031611 + 0.5 GiB × 0.004237) × 730 = $13.08452 per replica; 2 to 10 replicas
    assertThat(total.min()).isCloseTo(26.16904, within(0.0001));
    assertThat(total.max()).isCloseTo(130.8452, within(0.0001));
  }

  @Test
  void aNotebookCostsItsGpuAndItsHomeVolume() throws IOException {
    // 0.707 × 730 + 50 GiB × 0.04
    assertThat(estimate(example("notebook", "dev"), "sandbox").total().orElseThrow().max())
        .isCloseTo(518.11, within(0.005));
  }

  @Test
  void aBatchJobCostsItsParallelPodsForExpectedToDeadlineHours() throws IOException {
    Range total = estimate(example("batch-inference", "prod"), "sandbox").total().orElseThrow();
    // 4 pods × 1 L4 × $0.707 × 2 h .. 24 h
    assertThat(total.min()).isCloseTo(5.656, within(0.0001));
    assertThat(total.max()).isCloseTo(67.872, within(0.0001));
  }

  @Test
  void theDeltaFromOneL4ToTwoA100sIsShownPerLine() throws IOException {
    String before = Files.readString(Path.of("../examples/llm-inference.yaml"));
    String after = before.replace("gpu: nvidia-l4", "gpu: nvidia-a100-80gb\n  gpus: 2");
    CostDelta delta =
        new CostDelta(
            estimate(render(before, "dev", "sandbox"), "sandbox"),
            estimate(render(after, "dev", "sandbox"), "sandbox"));
    CostDelta.Line deployment =
        delta.lines().stream()
            .filter(l -> l.object().equals("Deployment/chat"))
            .findFirst()
            .orElseThrow();
    assertThat(deployment.change()).isEqualTo(CostDelta.Change.CHANGED);
    // 2 × 3.431 × 730 − 0.707 × 730 = 5009.26 − 516.11
    assertThat(deployment.delta().orElseThrow().max()).isCloseTo(4493.15, within(0.005));
    assertThat(delta.lines())
        .filteredOn(l -> l.object().equals("PersistentVolumeClaim/chat-model-cache"))
        .singleElement()
        .extracting(CostDelta.Line::change)
        .isEqualTo(CostDelta.Change.UNCHANGED);
    assertThat(CostReport.text(delta)).contains("~ Deployment/chat").contains("+$4,493.15");
  }

  @Test
  void aMissingGpuPriceMakesTheCostUnknownWithTheReasonNeverZero() throws IOException {
    String spec =
        Files.readString(Path.of("../examples/notebook.yaml")).replace("nvidia-l4", "nvidia-t4");
    CostEstimate estimate = estimate(render(spec, "dev", "gke"), "gke");
    assertThat(estimate.total()).isEmpty();
    assertThat(estimate.unknownReasons())
        .singleElement()
        .asString()
        .contains("no price for GPU class nvidia-t4");
    assertThat(CostReport.text(estimate)).contains("unknown");
  }

  @Test
  void quantitiesParseLikeKubernetes() {
    assertThat(Quantities.cores("500m")).contains(0.5);
    assertThat(Quantities.gib("512Mi")).contains(0.5);
    assertThat(Quantities.gib("1G").orElseThrow()).isCloseTo(0.9313, within(0.0001));
    assertThat(Quantities.gib("2Ti")).contains(2048.0);
    assertThat(Quantities.value("1e3")).contains(1000.0);
    assertThat(Quantities.value("12 cores")).isEmpty();
  }
}
