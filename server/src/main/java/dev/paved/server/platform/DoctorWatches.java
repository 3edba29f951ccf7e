package dev.paved.server.platform;

import dev.paved.cluster.doctor.DoctorWatch;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The doctor's live watches, one per target and namespace, each started in the background on first
 * use (starting lists every kind the doctor reads) and started again over a new client after its
 * cluster was lost, or after a start that failed. Thread-safe.
 */
final class DoctorWatches implements AutoCloseable {

  /** A watch starting or started, and the client it watches with. */
  private record Watched(CompletableFuture<DoctorWatch> watch, KubernetesClient client) {

    boolean usable(KubernetesClient now) {
      return client == now && !watch.isCompletedExceptionally();
    }
  }

  private final Map<String, Watched> watches = new ConcurrentHashMap<>();

  /** The watch of {@code key} over {@code client}: started now unless it runs over that client. */
  CompletableFuture<DoctorWatch> of(
      String key, KubernetesClient client, Supplier<DoctorWatch> start) {
    return watches
        .compute(
            key,
            (k, before) -> {
              if (before != null && before.usable(client)) {
                return before;
              }
              if (before != null) {
                before.watch().thenAccept(DoctorWatch::close);
              }
              CompletableFuture<DoctorWatch> starting = new CompletableFuture<>();
              Thread.ofVirtual()
                  .name("doctor-start-" + k)
                  .start(
                      () -> {
                        try {
                          starting.complete(start.get());
                        } catch (RuntimeException e) {
                          starting.completeExceptionally(e);
                        }
                      });
              return new Watched(starting, client);
            })
        .watch();
  }

  /** The watch of {@code key} once it has started, without waiting; else starts it. */
  Optional<DoctorWatch> ready(String key, KubernetesClient client, Supplier<DoctorWatch> start) {
    CompletableFuture<DoctorWatch> watch = of(key, client, start);
    return watch.isDone() && !watch.isCompletedExceptionally()
        ? Optional.of(watch.join())
        : Optional.empty();
  }

  @Override
  public void close() {
    watches.values().forEach(w -> w.watch().thenAccept(DoctorWatch::close));
    watches.clear();
  }
}
