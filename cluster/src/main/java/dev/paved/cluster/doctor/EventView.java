package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One event as the doctor reads it, whichever API wrote it: core/v1 ({@code count}, {@code
 * lastTimestamp}) or events.k8s.io/v1 ({@code eventTime}, {@code series}).
 */
record EventView(
    String type,
    String reason,
    String message,
    int count,
    Instant last,
    String component,
    String fieldPath) {

  static EventView of(JsonNode event) {
    Instant last =
        Stream.of(
                Json.time(event, "series", "lastObservedTime"),
                Json.time(event, "lastTimestamp"),
                Json.time(event, "eventTime"),
                Json.time(event, "firstTimestamp"),
                Json.time(event, "metadata", "creationTimestamp"))
            .flatMap(Optional::stream)
            .max(Instant::compareTo)
            .orElse(Instant.EPOCH);
    int count =
        Math.max(Json.integer(event, 1, "count"), Json.integer(event, 1, "series", "count"));
    String component =
        Json.optional(event, "source", "component")
            .or(() -> Json.optional(event, "reportingComponent"))
            .or(() -> Json.optional(event, "reportingController"))
            .orElse("");
    return new EventView(
        Json.text(event, "type"),
        Json.text(event, "reason"),
        Json.text(event, "message").strip(),
        count,
        last,
        component,
        Json.text(event, "involvedObject", "fieldPath"));
  }

  boolean warning() {
    return "Warning".equals(type);
  }

  /** One evidence line: {@code event Failed (x5): message}. */
  String evidence() {
    return "event "
        + reason
        + (count > 1 ? " (x" + count + ")" : "")
        + ": "
        + Texts.shorten(message, 400);
  }
}
