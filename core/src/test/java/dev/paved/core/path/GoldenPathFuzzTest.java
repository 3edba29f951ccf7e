package dev.paved.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.error.PavedException;
import dev.paved.core.fuzz.FuzzRun;
import dev.paved.core.fuzz.FuzzSeeds;
import dev.paved.core.fuzz.TextMutations;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The built-in golden paths mutated at random ({@link TextMutations}): each must load or be refused
 * with a {@link PavedException} that names its file and position; no other exception, no hang.
 */
class GoldenPathFuzzTest {

  private static final int INPUTS = 10_000;

  @Test
  @Reliability(area = Area.FUZZING, value = "Mutated golden paths")
  void aMutatedGoldenPathLoadsOrIsRefusedWithAPositionedError(Tally tally) {
    List<String> seeds = FuzzSeeds.goldenPaths();
    Random random = new Random(20_260_102L);
    GoldenPathLoader loader = new GoldenPathLoader();
    FuzzRun run = new FuzzRun(tally, "generated golden paths");
    for (int i = 0; i < INPUTS; i++) {
      String text = TextMutations.mutate(seeds.get(random.nextInt(seeds.size())), random);
      run.attempt(
          "fuzz-path.yaml",
          text,
          () -> assertThat(loader.load("fuzz-path.yaml", text).resources()).isNotEmpty());
    }
    run.requireBothOutcomes();
    tally.held(run.summary("loaded"));
  }
}
