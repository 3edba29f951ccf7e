package dev.paved.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.error.PavedException;
import dev.paved.core.fuzz.FuzzRun;
import dev.paved.core.fuzz.FuzzSeeds;
import dev.paved.core.fuzz.TextMutations;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.Renderer;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Valid specs mutated at random ({@link TextMutations}): each must render or be refused with a
 * {@link PavedException} that names its file and position; no other exception, no hang.
 */
class SpecFuzzTest {

  private static final int INPUTS = 10_000;
  private static final Renderer RENDERER = new Renderer(new PlatformLoader().builtIn());

  @Test
  @Reliability(area = Area.FUZZING, value = "Mutated app specs (paved.yaml)")
  void aMutatedSpecRendersOrIsRefusedWithAPositionedError(Tally tally) {
    List<String> seeds = FuzzSeeds.specs();
    Random random = new Random(20_260_101L);
    FuzzRun run = new FuzzRun(tally, "generated specs");
    for (int i = 0; i < INPUTS; i++) {
      String text = TextMutations.mutate(seeds.get(random.nextInt(seeds.size())), random);
      run.attempt(
          "fuzz.yaml",
          text,
          () -> {
            AppSpec spec = new AppSpecParser().parse("fuzz.yaml", text);
            assertThat(RENDERER.render(spec, "dev").objects()).isNotEmpty();
          });
    }
    run.requireBothOutcomes();
    tally.held(run.summary("rendered"));
  }
}
