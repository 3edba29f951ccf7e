package dev.paved.cluster.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.core.error.InvalidInputException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {

  @TempDir Path temp;

  @Test
  void aSnapshotWrittenAndReadBackGivesTheSameDiagnosis() throws IOException {
    Path fixture =
        SnapshotCorpusTest.CORPUS.resolve("84-two-problems-pull-auth-and-missing-secret");
    Snapshot original = SnapshotReader.read(fixture);
    Path copy = temp.resolve("copy");

    SnapshotWriter.write(original, copy);
    Snapshot back = SnapshotReader.read(copy);

    assertThat(back.now()).isEqualTo(original.now());
    assertThat(back.logs()).isEqualTo(original.logs());
    assertThat(Doctor.diagnose(back)).isEqualTo(Doctor.diagnose(original));
    assertThat(temp.resolve(".copy.partial")).doesNotExist();
  }

  @Test
  void logsAreWrittenUnderNamespacePodAndContainer() throws IOException {
    Path fixture = SnapshotCorpusTest.CORPUS.resolve("62-hf-gated-model-no-token-401");
    Snapshot original = SnapshotReader.read(fixture);
    SnapshotWriter.write(original, temp.resolve("out"));

    try (var files = Files.walk(temp.resolve("out/logs"))) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .map(p -> temp.resolve("out/logs").relativize(p).getNameCount()))
          .isNotEmpty()
          .allMatch(depth -> depth == 3);
    }
  }

  @Test
  void aLogWithBytesThatAreNotUtf8IsReadAndDiagnosedAsBefore() throws IOException {
    Snapshot original =
        SnapshotReader.read(SnapshotCorpusTest.CORPUS.resolve("62-hf-gated-model-no-token-401"));
    Path copy = temp.resolve("copy");
    SnapshotWriter.write(original, copy);
    try (var files = Files.walk(copy.resolve("logs"))) {
      Path log = files.filter(Files::isRegularFile).findFirst().orElseThrow();
      Files.write(
          log, new byte[] {'\n', (byte) 0xff, (byte) 0xc3, '\n'}, StandardOpenOption.APPEND);
    }

    Snapshot back = SnapshotReader.read(copy);

    assertThat(back.logs().values()).anyMatch(text -> text.endsWith("\n\ufffd\ufffd\n"));
    assertThat(Doctor.diagnose(back).findings())
        .extracting(Finding::code)
        .isEqualTo(Doctor.diagnose(original).findings().stream().map(Finding::code).toList());
  }

  @Test
  void writingOverANonEmptyDirectoryIsRefusedAndLeavesItAlone() throws IOException {
    Path existing = Files.createDirectories(temp.resolve("taken"));
    Files.writeString(existing.resolve("notes.txt"), "mine");
    Snapshot snapshot =
        Snapshot.capturedAt(
            List.of(), Map.of(), Instant.parse("2026-01-01T00:00:00Z"), Optional.empty());

    assertThatThrownBy(() -> SnapshotWriter.write(snapshot, existing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already exists and is not empty");
    assertThat(Files.readString(existing.resolve("notes.txt"))).isEqualTo("mine");
  }

  @Test
  void aDirectoryWithoutObjectsJsonSaysHowToMakeOne() {
    assertThatThrownBy(() -> SnapshotReader.read(temp))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no objects.json")
        .satisfies(
            e -> assertThat(((InvalidInputException) e).hint()).contains("paved doctor collect"));
  }

  @Test
  void brokenJsonIsReportedWithItsLineAndColumn() throws IOException {
    Files.writeString(
        temp.resolve("objects.json"), "{\n  \"kind\": \"List\",\n  \"items\": [ oops ]\n}\n");

    assertThatThrownBy(() -> SnapshotReader.read(temp))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e -> {
              var location = ((InvalidInputException) e).location().orElseThrow();
              assertThat(location.file()).endsWith("objects.json");
              assertThat(location.line()).isEqualTo(3);
              assertThat(location.column()).isGreaterThan(1);
            });
  }

  @Test
  void withoutSnapshotJsonAgesAreMeasuredFromTheNewestTimestamp() {
    Snapshot snapshot =
        SnapshotReader.read(
            SnapshotCorpusTest.CORPUS.resolve("07-image-pull-rate-limit-crio-no-snapshot-json"));

    assertThat(snapshot.capturedAt()).isEmpty();
    assertThat(snapshot.now())
        .isAfter(Instant.parse("2020-01-01T00:00:00Z"))
        .isBefore(Instant.parse("2027-01-01T00:00:00Z"));
  }

  @Test
  void aLiveObjectIsConvertedWithItsKindAndApiVersion() {
    GenericKubernetesResource pod = new GenericKubernetesResource();
    pod.setMetadata(new ObjectMetaBuilder().withName("chat-1").withNamespace("search").build());
    pod.setAdditionalProperty("spec", Map.of("nodeName", "gpu-0"));

    JsonNode json = SnapshotCollector.json(pod, new SnapshotCollector.Kind("v1", "Pod", true));

    assertThat(json.path("kind").asText()).isEqualTo("Pod");
    assertThat(json.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(json.path("metadata").path("name").asText()).isEqualTo("chat-1");
    assertThat(json.path("spec").path("nodeName").asText()).isEqualTo("gpu-0");
  }
}
