package dev.paved.cluster.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Real clusters hand the doctor odd objects: fields missing, null, or of another type (older
 * versions, other controllers, hand-made snapshots). Damaged copies of the corpus must still be
 * diagnosed without an exception, and every finding must still say what, where and how to fix.
 */
class DamagedSnapshotsTest {

  private static final List<Path> FIXTURES = fixtures();

  @Property(tries = 400)
  void damagedSnapshotsAreDiagnosedWithoutFailing(
      @ForAll("fixture") Path fixture, @ForAll long seed) {
    Snapshot original = SnapshotReader.read(fixture);
    Random random = new Random(seed);
    List<JsonNode> objects = new ArrayList<>();
    for (JsonNode object : original.objects()) {
      JsonNode copy = object.deepCopy();
      damage(copy, random, 0);
      objects.add(copy);
    }
    Snapshot damaged =
        new Snapshot(
            objects,
            original.logs(),
            original.capturedAt(),
            original.now(),
            original.kubernetesVersion());

    Diagnosis diagnosis = Doctor.diagnose(damaged);

    for (Finding finding : diagnosis.findings()) {
      assertThat(finding.summary()).isNotBlank();
      assertThat(finding.fix()).isNotBlank();
      assertThat(finding.object()).isNotBlank();
    }
    assertThat(diagnosis.toJson()).startsWith("{");
  }

  /** Removes, nulls or retypes about one field in eight, at every depth. */
  private static void damage(JsonNode node, Random random, int depth) {
    if (node instanceof ObjectNode object) {
      for (String field : List.copyOf(iterable(object))) {
        int dice = random.nextInt(24);
        switch (dice) {
          case 0 -> object.remove(field);
          case 1 -> object.putNull(field);
          case 2 -> object.put(field, "unexpected");
          default -> damage(object.get(field), random, depth + 1);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = array.size() - 1; i >= 0; i--) {
        if (random.nextInt(12) == 0) {
          array.remove(i);
        } else if (random.nextInt(24) == 0) {
          array.set(i, JsonNodeFactory.instance.numberNode(7));
        } else {
          damage(array.get(i), random, depth + 1);
        }
      }
    }
  }

  private static List<String> iterable(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Provide
  Arbitrary<Path> fixture() {
    return Arbitraries.of(FIXTURES);
  }

  private static List<Path> fixtures() {
    try {
      return SnapshotCorpusTest.fixtures();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
