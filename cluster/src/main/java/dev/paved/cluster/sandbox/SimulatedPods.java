package dev.paved.cluster.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * Bare pods for the sandbox's tests and benchmarks: one container named {@code app}, optionally
 * failing on purpose as a {@link Simulation} describes.
 */
public final class SimulatedPods {

  private SimulatedPods() {}

  public static Pod plain(String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  /** A pod the sandbox makes fail as {@code simulation} describes. */
  public static Pod failing(String name, Simulation simulation, String image) {
    Pod pod = plain(name, image);
    pod.getMetadata()
        .setAnnotations(
            new HashMap<>(Map.of(SandboxLabels.SIMULATE, simulation.annotationValue())));
    return pod;
  }
}
