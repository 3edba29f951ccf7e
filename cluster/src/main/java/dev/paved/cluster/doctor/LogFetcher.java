package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches the log tails the doctor reads: current and previous, only of containers that are not
 * well, at most {@link #MAX_LOGS} per call. A previous log never changes until the next restart, so
 * it is fetched once per restart count.
 */
final class LogFetcher {

  static final int LOG_LINES = 300;
  private static final int MAX_LOGS = 40;

  private final KubernetesClient client;
  private final Map<String, Optional<String>> previousLogs = new ConcurrentHashMap<>();

  LogFetcher(KubernetesClient client) {
    this.client = client;
  }

  Map<String, String> logs(List<JsonNode> objects, List<String> warnings) {
    Map<String, String> logs = new LinkedHashMap<>();
    for (JsonNode pod : objects) {
      if (!"Pod".equals(Json.kind(pod))) {
        continue;
      }
      for (ContainerView container : ContainerView.of(pod)) {
        if (logs.size() >= MAX_LOGS || !unwell(container)) {
          continue;
        }
        String key = Snapshot.logKey(Json.namespace(pod), Json.name(pod), container.name(), false);
        fetch(pod, container, false, warnings).ifPresent(l -> logs.put(key, l));
        if (container.lastTerminated().isPresent()) {
          String once = Json.uid(pod) + "/" + container.name() + "/" + container.restarts();
          previousLogs
              .computeIfAbsent(once, k -> fetch(pod, container, true, warnings))
              .ifPresent(
                  l ->
                      logs.put(
                          Snapshot.logKey(
                              Json.namespace(pod), Json.name(pod), container.name(), true),
                          l));
        }
      }
    }
    return logs;
  }

  private static boolean unwell(ContainerView container) {
    return container.restarts() > 0
        || !container.ready() && container.running()
        || container.terminated().map(t -> Json.integer(t, 0, "exitCode") != 0).orElse(false);
  }

  private Optional<String> fetch(
      JsonNode pod, ContainerView container, boolean previous, List<String> warnings) {
    try {
      var resource =
          client
              .pods()
              .inNamespace(Json.namespace(pod))
              .withName(Json.name(pod))
              .inContainer(container.name());
      String text =
          previous
              ? resource.terminated().tailingLines(LOG_LINES).getLog()
              : resource.tailingLines(LOG_LINES).getLog();
      return Optional.ofNullable(text).filter(t -> !t.isBlank()).map(SnapshotReader::tail);
    } catch (KubernetesClientException e) {
      warnings.add(
          "no "
              + (previous ? "previous " : "")
              + "log of "
              + Json.name(pod)
              + "/"
              + container.name()
              + ": "
              + Texts.shorten(String.valueOf(e.getMessage()), 160));
      return Optional.empty();
    }
  }
}
