package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cluster.logs.ContainerLog;
import dev.paved.cluster.logs.LogReader;
import dev.paved.cluster.logs.LogSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches the log tails the doctor reads: current and previous, only of containers that are not
 * well, at most {@link #MAX_LOGS} per call, all at once and each within {@link LogReader#BOUND}. A
 * previous log never changes until the next restart, so it is fetched once per restart count.
 * Remembers what it read, so a diagnosis can use the logs known so far without waiting for a read.
 * Thread-safe; close it to close its reader.
 */
final class LogFetcher implements AutoCloseable {

  static final int LOG_LINES = 300;
  private static final int MAX_LOGS = 40;

  private final LogReader reader;
  private final Map<String, Optional<String>> previousLogs = new ConcurrentHashMap<>();
  private volatile Map<String, String> known = Map.of();

  LogFetcher(KubernetesClient client) {
    this.reader = LogReader.of(client);
  }

  /** The logs read last time that still belong to unwell containers of {@code objects}. */
  Map<String, String> known(List<JsonNode> objects) {
    Map<String, String> logs = new LinkedHashMap<>();
    Map<String, String> last = known;
    for (Wanted wanted : wanted(objects)) {
      Optional.ofNullable(last.get(wanted.key())).ifPresent(l -> logs.put(wanted.key(), l));
    }
    return logs;
  }

  /** Reads the logs of the unwell containers of {@code objects} now (bounded, in parallel). */
  Map<String, String> logs(List<JsonNode> objects, List<String> warnings) {
    List<Wanted> wanted = wanted(objects);
    Map<String, String> logs = new LinkedHashMap<>();
    List<Wanted> toRead = new ArrayList<>();
    for (Wanted w : wanted) {
      Optional<Optional<String>> readBefore = w.once().map(previousLogs::get);
      if (readBefore.isPresent()) {
        readBefore.get().ifPresent(l -> logs.put(w.key(), l));
      } else {
        toRead.add(w);
      }
    }
    List<ContainerLog> read = reader.read(toRead.stream().map(Wanted::source).toList(), LOG_LINES);
    for (int i = 0; i < read.size(); i++) {
      Wanted w = toRead.get(i);
      Optional<String> text = text(read.get(i), warnings);
      w.once().ifPresent(key -> previousLogs.put(key, text));
      text.ifPresent(l -> logs.put(w.key(), l));
    }
    known = Map.copyOf(logs);
    return logs;
  }

  private static Optional<String> text(ContainerLog log, List<String> warnings) {
    return switch (log) {
      case ContainerLog.Read read ->
          Optional.of(read.text()).filter(t -> !t.isBlank()).map(SnapshotReader::tail);
      case ContainerLog.Unavailable none -> {
        warnings.add("no log of " + none.source() + ": " + none.reason());
        yield Optional.empty();
      }
    };
  }

  /** A log to read; a previous log is read once per restart ({@code once}). */
  private record Wanted(String key, LogSource source, Optional<String> once) {}

  private static List<Wanted> wanted(List<JsonNode> objects) {
    List<Wanted> wanted = new ArrayList<>();
    for (JsonNode pod : objects) {
      if (!"Pod".equals(Json.kind(pod))) {
        continue;
      }
      String namespace = Json.namespace(pod);
      String name = Json.name(pod);
      for (ContainerView container : ContainerView.of(pod)) {
        if (wanted.size() >= MAX_LOGS || !unwell(container)) {
          continue;
        }
        wanted.add(
            new Wanted(
                Snapshot.logKey(namespace, name, container.name(), false),
                new LogSource(namespace, name, container.name(), false),
                Optional.empty()));
        if (container.lastTerminated().isPresent()) {
          wanted.add(
              new Wanted(
                  Snapshot.logKey(namespace, name, container.name(), true),
                  new LogSource(namespace, name, container.name(), true),
                  Optional.of(
                      Json.uid(pod) + "/" + container.name() + "/" + container.restarts())));
        }
      }
    }
    return wanted;
  }

  private static boolean unwell(ContainerView container) {
    return container.restarts() > 0
        || !container.ready() && container.running()
        || container.terminated().map(t -> Json.integer(t, 0, "exitCode") != 0).orElse(false);
  }

  @Override
  public void close() {
    reader.close();
  }
}
