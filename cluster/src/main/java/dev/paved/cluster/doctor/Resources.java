package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Resource quantities of pods and nodes, and the findings about memory limits. */
final class Resources {

  private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

  private Resources() {}

  static Optional<BigDecimal> quantity(String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Quantity.getAmountInBytes(new Quantity(text)));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * What the pod asks for: containers summed, init containers as a floor (requests, else limits).
   */
  static Map<String, BigDecimal> requests(JsonNode pod) {
    Map<String, BigDecimal> total = new LinkedHashMap<>();
    Map<String, BigDecimal> initMax = new LinkedHashMap<>();
    for (ContainerView container : ContainerView.of(pod)) {
      Map<String, BigDecimal> own = of(container.spec());
      own.forEach(
          (k, v) ->
              (container.init() ? initMax : total)
                  .merge(k, v, container.init() ? BigDecimal::max : BigDecimal::add));
    }
    initMax.forEach((k, v) -> total.merge(k, v, BigDecimal::max));
    return total;
  }

  private static Map<String, BigDecimal> of(JsonNode containerSpec) {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    Json.strings(containerSpec, "resources", "limits")
        .forEach((k, v) -> quantity(v).ifPresent(q -> values.put(k, q)));
    Json.strings(containerSpec, "resources", "requests")
        .forEach((k, v) -> quantity(v).ifPresent(q -> values.put(k, q)));
    return values;
  }

  static Optional<BigDecimal> limit(ContainerView container, String resource) {
    return quantity(Json.text(container.spec(), "resources", "limits", resource));
  }

  static Map<String, BigDecimal> allocatable(JsonNode node) {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    Json.strings(node, "status", "allocatable")
        .forEach((k, v) -> quantity(v).ifPresent(q -> values.put(k, q)));
    return values;
  }

  static Map<String, BigDecimal> capacity(JsonNode node) {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    Json.strings(node, "status", "capacity")
        .forEach((k, v) -> quantity(v).ifPresent(q -> values.put(k, q)));
    return values;
  }

  static boolean gpu(String resource) {
    return resource.endsWith("/gpu") || resource.startsWith("nvidia.com/mig-");
  }

  /** The GPUs a pod's containers ask for, summed over GPU resources. */
  static int gpus(JsonNode pod) {
    return requests(pod).entrySet().stream()
        .filter(e -> gpu(e.getKey()))
        .mapToInt(e -> e.getValue().intValue())
        .sum();
  }

  /** Bytes as {@code 48Gi} (rounded up to whole GiB). */
  static String gib(BigDecimal bytes) {
    return bytes.divide(GIB, 0, RoundingMode.CEILING).toPlainString() + "Gi";
  }

  static String plain(String resource, BigDecimal amount) {
    if ("memory".equals(resource) || "ephemeral-storage".equals(resource)) {
      return gib(amount);
    }
    return amount.stripTrailingZeros().toPlainString();
  }

  static Finding oomKilled(JsonNode pod, ContainerView container) {
    Optional<BigDecimal> limit = limit(container, "memory");
    String raised = limit.map(l -> gib(l.multiply(BigDecimal.valueOf(2)))).orElse("a larger value");
    Finding finding =
        Finding.of(
            Code.OOM_KILLED,
            Json.ref(pod),
            "The container "
                + container.name()
                + " used more memory than its limit"
                + limit.map(l -> " (" + gib(l) + ")").orElse("")
                + " and the kernel killed it (OOMKilled, exit 137). This is host memory, not GPU memory.",
            "Raise the memory to "
                + raised
                + " (with.memory in paved.yaml), or load less at once (smaller batches, lazy or"
                + " memory-mapped weights).");
    return limit.isPresent()
        ? finding.withPatch(Map.of("with", Map.of("memory", raised)))
        : finding;
  }
}
