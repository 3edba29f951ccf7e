package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the doctor reads: Kubernetes objects as {@code kubectl get -o json} prints them, container
 * log tails keyed by {@link #logKey}, and the moment the objects were captured. Ages are measured
 * against {@link #now()}, never against the wall clock.
 *
 * @param capturedAt the capture time from {@code snapshot.json}, when known
 * @param now the capture time, or the newest timestamp in the objects without one
 * @param listed kinds listed in full beyond those of DESIGN.md §6 ({@code Secret}: its keys, never
 *     its values), so a check that needs one runs only where its absence means something
 */
public record Snapshot(
    List<JsonNode> objects,
    Map<String, String> logs,
    Optional<Instant> capturedAt,
    Instant now,
    Optional<String> kubernetesVersion,
    Set<String> listed) {

  public Snapshot {
    objects = List.copyOf(objects);
    logs = Map.copyOf(logs);
    listed = Set.copyOf(listed);
  }

  /** This snapshot, with {@code more} objects of the kinds {@code kinds} listed in full. */
  public Snapshot withListed(Set<String> kinds, List<JsonNode> more) {
    List<JsonNode> all = new java.util.ArrayList<>(objects);
    all.addAll(more);
    Set<String> known = new java.util.TreeSet<>(listed);
    known.addAll(kinds);
    return new Snapshot(all, logs, capturedAt, now, kubernetesVersion, known);
  }

  /** {@code namespace/pod/container} for the current log, with {@code .previous} appended. */
  public static String logKey(String namespace, String pod, String container, boolean previous) {
    return namespace + "/" + pod + "/" + container + (previous ? ".previous" : "");
  }

  /** A snapshot captured at {@code capturedAt}. */
  public static Snapshot capturedAt(
      List<JsonNode> objects,
      Map<String, String> logs,
      Instant capturedAt,
      Optional<String> version) {
    return new Snapshot(objects, logs, Optional.of(capturedAt), capturedAt, version, Set.of());
  }

  /** A snapshot without a capture time: "now" is its newest timestamp. */
  public static Snapshot undated(List<JsonNode> objects, Map<String, String> logs) {
    Instant newest =
        objects.stream().map(Snapshot::newest).max(Instant::compareTo).orElse(Instant.EPOCH);
    return new Snapshot(objects, logs, Optional.empty(), newest, Optional.empty(), Set.of());
  }

  private static Instant newest(JsonNode node) {
    Instant latest = Instant.EPOCH;
    if (node.isObject() || node.isArray()) {
      for (JsonNode child : node) {
        Instant candidate = newest(child);
        latest = candidate.isAfter(latest) ? candidate : latest;
      }
      return latest;
    }
    String text = node.asText();
    if (text.length() >= 20 && text.length() <= 40 && text.charAt(4) == '-' && text.contains("T")) {
      return Json.parseTime(text).orElse(Instant.EPOCH);
    }
    return latest;
  }
}
