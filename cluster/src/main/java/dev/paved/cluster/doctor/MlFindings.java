package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Summaries, fixes and spec patches for the failures found in logs ({@link LogSignals}). */
final class MlFindings {

  private MlFindings() {}

  static Finding of(LogSignals.Match match, JsonNode pod, ContainerView container) {
    String object = Json.ref(pod);
    int gpus = Resources.gpus(pod);
    return switch (match.code()) {
      case GPU_OUT_OF_MEMORY -> gpuMemory(match, object, gpus);
      case KV_CACHE_INSUFFICIENT -> kvCache(match, object);
      case MODEL_ACCESS_DENIED -> access(match, object, container);
      case MODEL_NOT_FOUND ->
          Finding.of(
              match.code(),
              object,
              "Hugging Face has no model with this id (or it is private and the pod has no access).",
              "Check with.model for typos: it is org/name and case-sensitive, as on"
                  + " huggingface.co; for a private repository add HF_TOKEN to 'secrets'.");
      case SHARED_MEMORY_TOO_SMALL ->
          Finding.of(
              match.code(),
              object,
              "Shared memory (/dev/shm) is too small for NCCL or data-loader workers; a container"
                  + " gets 64 MiB unless a larger one is mounted.",
              "Mount a memory-backed emptyDir at /dev/shm of at least 1 GiB per GPU (Paved's GPU"
                  + " paths mount 2 GiB, 16 GiB with several GPUs), or lower the data-loader"
                  + " workers.");
      case NCCL_FAILURE -> nccl(match, object);
      case GPU_NOT_AVAILABLE ->
          Finding.of(
              match.code(),
              object,
              "The container started without a usable GPU (CUDA sees no device).",
              gpus == 0
                  ? "Ask for a GPU: set with.gpu to a GPU class (the pod needs an nvidia.com/gpu"
                      + " limit to get a device)."
                  : "The pod asks for a GPU but the runtime did not expose it: set"
                      + " runtimeClassName: nvidia where the cluster needs it, and check the NVIDIA"
                      + " device plugin and driver on the node.");
      default -> throw new IllegalArgumentException("not a log signal: " + match.code());
    };
  }

  private static Finding gpuMemory(LogSignals.Match match, String object, int gpus) {
    if (match.line().contains("Free memory on device")) {
      return Finding.of(
          Code.GPU_OUT_OF_MEMORY,
          object,
          "The GPU was already partly used by another process when vLLM started (a shared or"
              + " time-sliced GPU), so vLLM could not reserve its share of GPU memory.",
          "Run on a dedicated GPU (a GPU class without time-slicing), or lower"
              + " --gpu-memory-utilization (with.args) to the share that is free.");
    }
    Finding finding =
        Finding.of(
            Code.GPU_OUT_OF_MEMORY,
            object,
            "The model ran out of GPU memory (CUDA out of memory); this is GPU memory, not the"
                + " container's memory limit.",
            gpus > 0 && gpus < 16
                ? "Give it more GPU memory: with.gpus: "
                    + Math.min(16, gpus * 2)
                    + " or a GPU class with more memory (with.gpu); or lower the batch size or"
                    + " context length."
                : "Use a GPU class with more memory (with.gpu), or lower the batch size or"
                    + " context length.");
    return gpus > 0 && gpus < 16
        ? finding.withPatch(Map.of("with", Map.of("gpus", Math.min(16, gpus * 2))))
        : finding;
  }

  private static Finding kvCache(LogSignals.Match match, String object) {
    Finding finding =
        Finding.of(
            Code.KV_CACHE_INSUFFICIENT,
            object,
            "vLLM cannot fit one sequence of the model's maximum length in the KV cache on this"
                + " GPU, so it refuses to start.",
            match
                .number()
                .map(
                    n ->
                        "Lower the context length: with.maxModelLen: "
                            + n
                            + " (what fits, as vLLM estimated), or give it more GPU memory"
                            + " (with.gpus or a larger with.gpu).")
                .orElse(
                    "Lower with.maxModelLen, or give it more GPU memory (with.gpus or a larger"
                        + " with.gpu)."));
    return match
        .number()
        .map(n -> finding.withPatch(Map.of("with", Map.of("maxModelLen", n))))
        .orElse(finding);
  }

  private static Finding access(LogSignals.Match match, String object, ContainerView container) {
    boolean hasToken =
        Json.list(container.spec(), "env").stream()
            .anyMatch(
                e -> List.of("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN").contains(Json.text(e, "name")));
    boolean notApproved = match.line().contains("403") || match.line().contains("authorized list");
    if (notApproved || hasToken) {
      return Finding.of(
          Code.MODEL_ACCESS_DENIED,
          object,
          "The model is gated on Hugging Face and the token's account has not been granted access.",
          "Open the model's page on huggingface.co with the account that owns HF_TOKEN and accept"
              + " its licence (or request access); the pod retries by itself.");
    }
    return Finding.of(
            Code.MODEL_ACCESS_DENIED,
            object,
            "The model is gated on Hugging Face and the pod sends no token (401 Unauthorized).",
            "Add HF_TOKEN to 'secrets' in paved.yaml and store a token of an account that has"
                + " accepted the model's licence in the app's Secret.")
        .withPatch(Map.of("secrets", List.of("HF_TOKEN")));
  }

  private static Finding nccl(LogSignals.Match match, String object) {
    if (match.line().contains("No usable listening interface")) {
      return Finding.of(
          Code.NCCL_FAILURE,
          object,
          "NCCL found no network interface to use: NCCL_SOCKET_IFNAME names an interface the pod"
              + " does not have.",
          "Set NCCL_SOCKET_IFNAME (and GLOO_SOCKET_IFNAME) to an interface that exists in the pod,"
              + " usually eth0, or remove them.");
    }
    return Finding.of(
        Code.NCCL_FAILURE,
        object,
        "Distributed training failed in NCCL communication between ranks (a collective timed out"
            + " or errored).",
        "Read the log of the first rank that failed (the others only time out); check the network"
            + " between the nodes (NCCL_DEBUG=INFO), and raise the timeout only if a step is"
            + " legitimately slow.");
  }
}
