package dev.paved.cluster.sandbox;

import java.util.Optional;

/**
 * The kinds of fake node the sandbox makes. GPU pools match the {@code sandbox} target's GPU
 * classes (core resource {@code paved/platform/targets/sandbox.yaml}): same product label and the
 * taint its tolerations expect. CPU and memory are those of the cloud machine each imitates.
 */
public enum NodePool {
  CPU("cpu", Optional.empty(), 0, "16", "64Gi", "", "m6i.4xlarge"),
  L4("nvidia-l4", Optional.of("NVIDIA-L4"), 4, "48", "192Gi", "23034", "g6.12xlarge"),
  A100_80GB(
      "nvidia-a100-80gb",
      Optional.of("NVIDIA-A100-SXM4-80GB"),
      8,
      "96",
      "1152Gi",
      "81920",
      "p4de.24xlarge"),
  H100_80GB(
      "nvidia-h100-80gb",
      Optional.of("NVIDIA-H100-80GB-HBM3"),
      8,
      "192",
      "2048Gi",
      "81559",
      "p5.48xlarge");

  private final String poolName;
  private final Optional<String> gpuProduct;
  private final int gpuCount;
  private final String cpu;
  private final String memory;
  private final String gpuMemoryMiB;
  private final String awsInstanceType;

  NodePool(
      String poolName,
      Optional<String> gpuProduct,
      int gpuCount,
      String cpu,
      String memory,
      String gpuMemoryMiB,
      String awsInstanceType) {
    this.poolName = poolName;
    this.gpuProduct = gpuProduct;
    this.gpuCount = gpuCount;
    this.cpu = cpu;
    this.memory = memory;
    this.gpuMemoryMiB = gpuMemoryMiB;
    this.awsInstanceType = awsInstanceType;
  }

  /** The pool name, also the GPU class name of the sandbox target for GPU pools. */
  public String poolName() {
    return poolName;
  }

  /** The {@code nvidia.com/gpu.product} label value, for GPU pools. */
  public Optional<String> gpuProduct() {
    return gpuProduct;
  }

  public int gpuCount() {
    return gpuCount;
  }

  String cpu() {
    return cpu;
  }

  String memory() {
    return memory;
  }

  String gpuMemoryMiB() {
    return gpuMemoryMiB;
  }

  String awsInstanceType() {
    return awsInstanceType;
  }

  String azurePoolName() {
    return poolName.replace("-", "").replace("nvidia", "gpu");
  }

  /** Node names: {@code sandbox-<pool>-<index>}, e.g. {@code sandbox-nvidia-l4-0}. */
  String nodeName(int index) {
    return "sandbox-" + poolName + "-" + index;
  }
}
