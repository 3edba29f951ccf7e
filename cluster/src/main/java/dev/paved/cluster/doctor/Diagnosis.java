package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The doctor's answer: findings, most severe first, and the time they describe. */
public record Diagnosis(List<Finding> findings, Instant at) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Diagnosis {
    findings = List.copyOf(findings);
  }

  public boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  /** The findings about one app's objects. */
  public Diagnosis forApp(String app) {
    return new Diagnosis(
        findings.stream().filter(f -> f.app().equals(Optional.of(app))).toList(), at);
  }

  /** Reads the JSON of {@link #toJson()} back, as a client of the server's API does. */
  @SuppressWarnings("unchecked")
  public static Diagnosis fromJson(String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(json);
      List<Finding> findings = new java.util.ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode f : root.path("findings")) {
        List<String> evidence = new java.util.ArrayList<>();
        f.path("evidence").forEach(e -> evidence.add(e.asText()));
        findings.add(
            new Finding(
                Code.valueOf(f.path("code").asText()),
                Severity.valueOf(f.path("severity").asText().toUpperCase(java.util.Locale.ROOT)),
                f.path("object").asText(),
                f.path("summary").asText(),
                evidence,
                f.path("fix").asText(),
                f.has("specPatch")
                    ? Optional.of(JSON.convertValue(f.get("specPatch"), java.util.Map.class))
                    : Optional.empty(),
                f.has("app") ? Optional.of(f.path("app").asText()) : Optional.empty()));
      }
      return new Diagnosis(findings, Instant.parse(root.path("at").asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not the doctor's JSON: " + e.getMessage(), e);
    }
  }

  /** The JSON of the doctor contract (DESIGN.md §6, docs/doctor.md). */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("at", at.toString());
    ArrayNode list = root.putArray("findings");
    for (Finding finding : findings) {
      ObjectNode node = list.addObject();
      node.put("code", finding.code().name());
      node.put("severity", finding.severity().json());
      node.put("object", finding.object());
      finding.app().ifPresent(app -> node.put("app", app));
      node.put("summary", finding.summary());
      ArrayNode evidence = node.putArray("evidence");
      finding.evidence().forEach(evidence::add);
      node.put("fix", finding.fix());
      finding.specPatch().ifPresent(patch -> node.set("specPatch", JSON.valueToTree(patch)));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("findings are plain data", e);
    }
  }
}
