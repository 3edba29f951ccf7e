package dev.paved.core.target;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one portable GPU class (e.g. {@code nvidia-l4}) is reached and priced on a target.
 *
 * @param name the portable class name app specs use
 * @param resource the extended resource pods request, usually {@code nvidia.com/gpu}
 * @param nodeSelector labels that select this class's nodes
 * @param tolerations tolerations for the taints on those nodes
 * @param runtimeClassName a RuntimeClass the pods need, empty when the default runtime works
 * @param memoryGiB GPU memory per device
 * @param computeMajor CUDA compute capability major version (bf16 needs 8 or more)
 * @param maxPerNode the most GPUs one node of this class has
 * @param cpuPerGpu default vCPUs per GPU for a replica
 * @param memoryPerGpuGiB default host memory (GiB) per GPU for a replica
 * @param pricePerGpuHour on-demand price per GPU-hour (instance price ÷ GPUs), if known
 * @param instance the instance type the price and shape come from, for reviewers
 * @param nodeMemoryGiB the memory of the largest node of this class, when the platform team set it:
 *     no pod of the class can ask for more (CAP-02)
 * @param capacity the GPUs of this class the cluster can offer in total, if the platform team set
 *     it
 */
public record GpuClass(
    String name,
    String resource,
    Map<String, String> nodeSelector,
    List<Map<String, String>> tolerations,
    String runtimeClassName,
    int memoryGiB,
    int computeMajor,
    int maxPerNode,
    int cpuPerGpu,
    int memoryPerGpuGiB,
    Optional<Double> pricePerGpuHour,
    String instance,
    Optional<Integer> capacity,
    Optional<Integer> nodeMemoryGiB) {

  public GpuClass {
    nodeSelector = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(nodeSelector));
    tolerations =
        tolerations.stream()
            .map(t -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(t)))
            .toList();
  }
}
