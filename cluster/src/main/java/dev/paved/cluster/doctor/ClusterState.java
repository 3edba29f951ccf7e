package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.core.render.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A snapshot indexed for the analyzers: objects by kind and uid, events by object, owners. */
final class ClusterState {

  private final Snapshot snapshot;
  private final Map<String, List<JsonNode>> byKind = new LinkedHashMap<>();
  private final Map<String, JsonNode> byUid = new HashMap<>();
  private final List<JsonNode> events = new ArrayList<>();

  ClusterState(Snapshot snapshot) {
    this.snapshot = snapshot;
    for (JsonNode object : snapshot.objects()) {
      String kind = Json.kind(object);
      if ("Event".equals(kind)) {
        events.add(object);
        continue;
      }
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(object);
      Json.optional(object, "metadata", "uid").ifPresent(uid -> byUid.put(uid, object));
    }
  }

  Instant now() {
    return snapshot.now();
  }

  /** Whether the snapshot listed every object of {@code kind} (see {@link Snapshot#listed}). */
  boolean listed(String kind) {
    return snapshot.listed().contains(kind);
  }

  Duration age(Instant since) {
    return Duration.between(since, now());
  }

  List<JsonNode> all(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  Optional<JsonNode> find(String kind, String namespace, String name) {
    return all(kind).stream()
        .filter(o -> Json.name(o).equals(name) && Json.namespace(o).equals(namespace))
        .findFirst();
  }

  /**
   * The events about {@code object}, oldest first. Matched by uid when both sides have one, so
   * events of an earlier object with the same name are left out; by kind, namespace and name
   * otherwise.
   */
  List<EventView> eventsOf(JsonNode object) {
    String uid = Json.uid(object);
    return events.stream()
        .filter(e -> about(e, object, uid))
        .map(EventView::of)
        .sorted(Comparator.comparing(EventView::last))
        .toList();
  }

  private static boolean about(JsonNode event, JsonNode object, String uid) {
    JsonNode involved = Json.at(event, "involvedObject");
    if (involved.isMissingNode()) {
      involved = Json.at(event, "regarding");
    }
    if (!Json.text(involved, "kind").equals(Json.kind(object))
        || !Json.text(involved, "name").equals(Json.name(object))
        || !Json.text(involved, "namespace").equals(Json.namespace(object))) {
      return false;
    }
    String eventUid = Json.text(involved, "uid");
    return eventUid.isEmpty() || uid.isEmpty() || eventUid.equals(uid);
  }

  /** The controlling owner of {@code object}, when it is in the snapshot. */
  Optional<JsonNode> owner(JsonNode object) {
    for (JsonNode reference : Json.list(object, "metadata", "ownerReferences")) {
      if (Json.at(reference, "controller").asBoolean(false)
          || Json.list(object, "metadata", "ownerReferences").size() == 1) {
        JsonNode owner = byUid.get(Json.text(reference, "uid"));
        if (owner != null) {
          return Optional.of(owner);
        }
      }
    }
    return Optional.empty();
  }

  /** The top of the owner chain: Pod → ReplicaSet → Deployment gives the Deployment. */
  JsonNode top(JsonNode object) {
    JsonNode current = object;
    for (int depth = 0; depth < 5; depth++) {
      Optional<JsonNode> owner = owner(current);
      if (owner.isEmpty()) {
        return current;
      }
      current = owner.get();
    }
    return current;
  }

  /**
   * The Paved app of {@code object} or of the pods it owns, from the {@code paved.dev/app} label.
   */
  Optional<String> appOf(JsonNode object) {
    return Json.optional(object, "metadata", "labels", Labels.APP)
        .or(() -> Json.optional(object, "spec", "template", "metadata", "labels", Labels.APP));
  }

  Optional<String> log(JsonNode pod, String container, boolean previous) {
    return Optional.ofNullable(
        snapshot
            .logs()
            .get(Snapshot.logKey(Json.namespace(pod), Json.name(pod), container, previous)));
  }

  Optional<JsonNode> node(String name) {
    return all("Node").stream().filter(n -> Json.name(n).equals(name)).findFirst();
  }
}
