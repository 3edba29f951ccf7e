package dev.paved.cluster.sandbox;

/** The label, annotation and taint names the sandbox writes or reads, in one place. */
public final class SandboxLabels {

  /** Pod annotation choosing a simulated failure; values in {@link Simulation}. */
  public static final String SIMULATE = "sandbox.paved.dev/simulate";

  /** Node annotation marking the nodes kwok manages. */
  public static final String KWOK_NODE = "kwok.x-k8s.io/node";

  /** Node label naming the sandbox node pool ({@code cpu}, {@code nvidia-l4}, …). */
  public static final String NODE_POOL = "sandbox.paved.dev/pool";

  public static final String GPU_RESOURCE = "nvidia.com/gpu";
  public static final String GPU_PRODUCT = "nvidia.com/gpu.product";
  public static final String GPU_PRESENT = "nvidia.com/gpu.present";
  public static final String GPU_COUNT = "nvidia.com/gpu.count";
  public static final String GPU_MEMORY = "nvidia.com/gpu.memory";

  private SandboxLabels() {}
}
