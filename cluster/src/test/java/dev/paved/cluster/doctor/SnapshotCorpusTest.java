package dev.paved.cluster.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture under {@code doctor/snapshots} is diagnosed with exactly its expected codes and
 * none of the tempting wrong ones; together the fixtures cover every code.
 */
class SnapshotCorpusTest {

  static final Path CORPUS = Path.of("src/test/resources/doctor/snapshots");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> eachFixtureGetsExactlyItsExpectedCodes() throws IOException {
    return fixtures().stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
                      Diagnosis diagnosis = Doctor.diagnose(SnapshotReader.read(dir));
                      Set<String> codes = codes(diagnosis);
                      assertThat(codes)
                          .as("%s%n%s", expected.path("notes").asText(), diagnosis.toJson())
                          .isEqualTo(strings(expected.path("codes")));
                      assertThat(codes)
                          .doesNotContainAnyElementsOf(strings(expected.path("absentCodes")));
                    }));
  }

  @Test
  void theCorpusHasSixtyFixturesAndCoversEveryCode() throws IOException {
    List<Path> fixtures = fixtures();
    assertThat(fixtures).hasSizeGreaterThanOrEqualTo(60);
    Set<Code> covered = EnumSet.noneOf(Code.class);
    for (Path dir : fixtures) {
      strings(JSON.readTree(dir.resolve("expected.json").toFile()).path("codes"))
          .forEach(c -> covered.add(Code.valueOf(c)));
    }
    assertThat(covered).containsExactlyInAnyOrder(Code.values());
  }

  @Test
  void noFindingInTheCorpusHasAnEmptySummaryFixOrEvidence() throws IOException {
    for (Path dir : fixtures()) {
      for (Finding finding : Doctor.diagnose(SnapshotReader.read(dir)).findings()) {
        assertThat(finding.summary()).as(dir + " " + finding.code()).isNotBlank();
        assertThat(finding.fix()).as(dir + " " + finding.code()).isNotBlank();
        assertThat(finding.evidence())
            .as(dir + " " + finding.code())
            .isNotEmpty()
            .allSatisfy(e -> assertThat(e).isNotBlank());
        assertThat(finding.object()).matches("[A-Za-z]+/([a-z0-9.-]+/)?[a-z0-9.-]+");
      }
    }
  }

  static List<Path> fixtures() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).sorted().toList();
    }
  }

  private static Set<String> codes(Diagnosis diagnosis) {
    return diagnosis.findings().stream()
        .map(f -> f.code().name())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
