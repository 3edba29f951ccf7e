package dev.paved.cluster.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.paved.core.error.PavedException;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Real clusters and hand-made snapshots hand the doctor odd input: fields missing, null or of
 * another type, broken JSON, a wrong snapshot.json, garbled or misplaced logs ({@link
 * SnapshotDamage}). Every damaged copy of the corpus must be read and diagnosed, each finding still
 * saying what, where and how to fix, or be refused with a {@link PavedException} that names the
 * file; no other exception, and no hang (a generous bound per input, not a speed assertion).
 */
class DamagedSnapshotsTest {

  private static final int INPUTS = 10_000;
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir Path temp;

  @Test
  @Reliability(area = Area.FUZZING, value = "Damaged doctor snapshots")
  void aDamagedSnapshotIsDiagnosedOrRefusedWithAClearError(Tally tally) throws IOException {
    List<SnapshotDamage.Fixture> fixtures =
        SnapshotCorpusTest.fixtures().stream().map(SnapshotDamage.Fixture::read).toList();
    Random random = new Random(20_260_104L);
    Path dir = temp.resolve("snapshot");
    tally.counting("damaged snapshots");
    long diagnosed = 0;
    long others = 0;
    long hangs = 0;
    for (int i = 1; i <= INPUTS; i++) {
      SnapshotDamage.write(fixtures.get(random.nextInt(fixtures.size())), random, dir);
      tally.add();
      int number = i;
      Optional<Throwable> thrown;
      try {
        thrown =
            assertTimeoutPreemptively(
                BOUND, () -> outcome(dir), () -> "snapshot #" + number + " had no answer");
      } catch (AssertionFailedError hang) {
        hangs++;
        throw hang;
      }
      if (thrown.isEmpty()) {
        diagnosed++;
      } else if (!(thrown.get() instanceof PavedException refusal) || !namesItsFile(refusal, dir)) {
        others++;
        throw new AssertionFailedError(
            "snapshot #"
                + number
                + " threw "
                + thrown.get()
                + ", not a PavedException naming"
                + " objects.json or snapshot.json",
            thrown.get());
      }
    }
    assertThat(diagnosed).as("snapshots diagnosed").isBetween(1L, INPUTS - 1L);
    tally.held(
        String.format(
            "%,d diagnosed with complete findings, %,d refused with a PavedException naming"
                + " objects.json or snapshot.json; %,d other exceptions, %,d hangs",
            diagnosed, INPUTS - diagnosed, others, hangs));
  }

  /** Logs are free text: only objects.json and snapshot.json may make a snapshot unreadable. */
  private static boolean namesItsFile(PavedException refusal, Path dir) {
    String line = refusal.oneLine();
    return line.contains(dir.resolve("objects.json").toString())
        || line.contains(dir.resolve("snapshot.json").toString());
  }

  private static Optional<Throwable> outcome(Path dir) {
    try {
      Diagnosis diagnosis = Doctor.diagnose(SnapshotReader.read(dir));
      for (Finding finding : diagnosis.findings()) {
        assertThat(finding.summary()).isNotBlank();
        assertThat(finding.fix()).isNotBlank();
        assertThat(finding.object()).isNotBlank();
      }
      assertThat(diagnosis.toJson()).startsWith("{");
      return Optional.empty();
    } catch (Throwable any) {
      return Optional.of(any);
    }
  }
}
