package dev.paved.cluster.doctor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ML failures written only to container logs (k8s-failure-signals.md §13, §14): CUDA memory,
 * vLLM's KV cache, Hugging Face access, NCCL and shared memory. Order matters: an NCCL error whose
 * last error names /dev/shm is a shared-memory problem, not an NCCL one.
 */
final class LogSignals {

  /** A recognised line: its code, the line itself, and what the pattern extracted. */
  record Match(Code code, String line, Optional<Long> number) {}

  private record Signal(Code code, Pattern pattern) {}

  private static final List<Signal> SIGNALS =
      List.of(
          new Signal(
              Code.SHARED_MEMORY_TOO_SMALL,
              Pattern.compile(
                  "shared memory segment /dev/shm|posix_fallocate failed|insufficient shared memory"
                      + "|/dev/shm.*No space left on device|unable to write to file </torch_")),
          new Signal(
              Code.KV_CACHE_INSUFFICIENT,
              Pattern.compile(
                  "models?'s max seq len \\(\\d+\\)|stored in KV cache|No available memory for the"
                      + " cache blocks")),
          new Signal(
              Code.GPU_OUT_OF_MEMORY,
              Pattern.compile(
                  "CUDA out of memory|HIP out of memory|CUDA error: out of memory"
                      + "|Free memory on device.* on startup is less than desired")),
          new Signal(
              Code.MODEL_ACCESS_DENIED,
              Pattern.compile(
                  "Cannot access gated repo|trying to access a gated repo|GatedRepoError|Access to model \\S+ is restricted|is gated\\. You must"
                      + "|401 Client Error: Unauthorized for url: https://huggingface\\.co")),
          new Signal(
              Code.MODEL_NOT_FOUND,
              Pattern.compile(
                  "RepositoryNotFoundError|Repository Not Found for url|is not a valid model"
                      + " identifier")),
          new Signal(
              Code.NCCL_FAILURE,
              Pattern.compile(
                  "NCCL error|NCCL WARN|Watchdog caught collective operation timeout"
                      + "|DistBackendError")),
          new Signal(
              Code.GPU_NOT_AVAILABLE,
              Pattern.compile(
                  "no CUDA-capable device is detected|Found no NVIDIA driver|No CUDA GPUs are"
                      + " available|Failed to infer device type|CUDA driver version is insufficient"
                      + "|NVIDIA driver on your system is too old")));

  private static final Pattern ESTIMATED =
      Pattern.compile("estimated maximum model length is (\\d+)");
  private static final Pattern V0_TOKENS =
      Pattern.compile("maximum number of tokens that can be stored in KV cache \\((\\d+)\\)");
  private static final Pattern BF16 = Pattern.compile("Bfloat16 is only supported on GPUs");
  private static final Pattern SERVICE_LINK =
      Pattern.compile("VLLM_PORT '?tcp://|invalid literal for int\\(\\) with base 10: 'tcp://");

  private LogSignals() {}

  /** The first recognised signal in {@code text}, in the order of precedence above. */
  static Optional<Match> match(String text) {
    for (Signal signal : SIGNALS) {
      Optional<String> line = Texts.line(text, signal.pattern());
      if (line.isPresent()) {
        return Optional.of(new Match(signal.code(), line.get(), number(signal.code(), text)));
      }
    }
    return Optional.empty();
  }

  private static Optional<Long> number(Code code, String text) {
    if (code != Code.KV_CACHE_INSUFFICIENT) {
      return Optional.empty();
    }
    return Texts.group(ESTIMATED, text, 1)
        .or(() -> Texts.group(V0_TOKENS, text, 1))
        .map(Long::parseLong);
  }

  /** A known cause of a plain crash that has no code of its own, as a fix sentence. */
  static Optional<Map.Entry<String, String>> crashHint(String text) {
    Optional<String> bf16 = Texts.line(text, BF16);
    if (bf16.isPresent()) {
      return Optional.of(
          Map.entry(
              bf16.get(),
              "This GPU is older than compute capability 8.0 and cannot run bfloat16: add"
                  + " --dtype=half to the server arguments (with.args) or choose a newer GPU class."));
    }
    Optional<String> link = Texts.line(text, SERVICE_LINK);
    if (link.isPresent()) {
      return Optional.of(
          Map.entry(
              link.get(),
              "A Service named vllm in the namespace injects VLLM_PORT=tcp://…, which vLLM reads as"
                  + " its own setting: rename that Service or set enableServiceLinks: false on the pod."));
    }
    return Optional.empty();
  }
}
