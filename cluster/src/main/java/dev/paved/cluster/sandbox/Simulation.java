package dev.paved.cluster.sandbox;

import java.util.Optional;

/**
 * The failures a pod can ask the sandbox to simulate with the annotation {@value
 * SandboxLabels#SIMULATE}. Each writes the container states and events a real kubelet writes; the
 * KWOK stages doing it are in {@code paved/sandbox/stages/}.
 */
public enum Simulation {
  /** Waiting {@code ErrImagePull} then {@code ImagePullBackOff}, with pull failure events. */
  IMAGE_NOT_FOUND("image-not-found"),
  /** Waiting {@code CrashLoopBackOff}, last state terminated {@code Error} exit 1. */
  CRASH_LOOP("crash-loop"),
  /** Waiting {@code CrashLoopBackOff}, last state terminated {@code OOMKilled} exit 137. */
  OOM("oom"),
  /** Running but never Ready, with {@code Unhealthy} readiness probe events. */
  NEVER_READY("never-ready"),
  /** Crash loop whose last termination message is a CUDA out-of-memory error. */
  GPU_OOM("gpu-oom"),
  /** Pending, waiting {@code CreateContainerConfigError}: the first Secret it reads is missing. */
  MISSING_SECRET("missing-secret");

  private final String annotationValue;

  Simulation(String annotationValue) {
    this.annotationValue = annotationValue;
  }

  public String annotationValue() {
    return annotationValue;
  }

  public static Optional<Simulation> byAnnotationValue(String value) {
    for (Simulation simulation : values()) {
      if (simulation.annotationValue.equals(value)) {
        return Optional.of(simulation);
      }
    }
    return Optional.empty();
  }
}
