package dev.paved.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxStagesTest {

  private static final String SIMULATE_KEY =
      ".metadata.annotations[\"sandbox.paved.dev/simulate\"]";

  @Test
  void shipsACompleteNodeAndPodLifecyclePlusTheFaultStages() throws IOException {
    assertThat(stages())
        .extracting(s -> s.path("metadata").path("name").asText())
        .contains(
            "node-ready",
            "node-heartbeat",
            "pod-start",
            "job-pod-done",
            "pod-gone",
            "paved-image-pull-error",
            "paved-crash-exit",
            "paved-never-ready")
        .doesNotHaveDuplicates();
  }

  @Test
  void defaultPodStagesExcludeEverySimulatedPod() throws IOException {
    List<String> all = Arrays.stream(Simulation.values()).map(Simulation::annotationValue).toList();
    for (JsonNode stage : stages()) {
      String name = stage.path("metadata").path("name").asText();
      if (name.equals("pod-start") || name.equals("job-pod-done")) {
        JsonNode guard = requirement(stage, SIMULATE_KEY);
        assertThat(guard.path("operator").asText()).as(name).isEqualTo("DoesNotExist");
        assertThat(all).isNotEmpty();
      }
    }
  }

  @Test
  void everyFaultStageIsSelectedByTheSimulateAnnotation() throws IOException {
    List<String> selected = new ArrayList<>();
    for (JsonNode stage : stages()) {
      if (stage.path("metadata").path("name").asText().startsWith("paved-")) {
        JsonNode guard = requirement(stage, SIMULATE_KEY);
        assertThat(guard.path("operator").asText()).isEqualTo("In");
        guard.path("values").forEach(v -> selected.add(v.asText()));
      }
    }
    assertThat(selected)
        .containsAll(Arrays.stream(Simulation.values()).map(Simulation::annotationValue).toList());
  }

  private static JsonNode requirement(JsonNode stage, String key) {
    for (JsonNode expression : stage.path("spec").path("selector").path("matchExpressions")) {
      if (key.equals(expression.path("key").asText())) {
        return expression;
      }
    }
    throw new AssertionError(
        "no selector on " + key + " in " + stage.path("metadata").path("name"));
  }

  private static List<JsonNode> stages() throws IOException {
    try (MappingIterator<JsonNode> docs =
        new ObjectMapper(new YAMLFactory())
            .readerFor(JsonNode.class)
            .readValues(SandboxStages.yaml())) {
      return docs.readAll().stream().filter(d -> d.has("kind")).toList();
    }
  }
}
