package dev.paved.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.paved.core.error.PavedException;
import dev.paved.core.path.GoldenPathLoader;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing: valid specs and golden paths mutated at random (characters inserted, deleted, lines
 * duplicated or swapped, YAML and CEL syntax injected, truncation). Every input must either render
 * or be refused with a {@link PavedException}; no other exception, and no hang (a generous
 * per-input bound guards against infinite loops; it is not a speed assertion).
 */
class SpecFuzzProperties {

  private static final Renderer RENDERER = new Renderer(new PlatformLoader().builtIn());
  private static final List<String> SEEDS = seeds();
  private static final List<String> PATH_SEEDS =
      PlatformLoader.builtInFiles().stream()
          .filter(f -> f.startsWith("paths/"))
          .map(PlatformLoader::readResource)
          .toList();
  private static final List<String> FRAGMENTS =
      List.of(
          ": ",
          "- ",
          "\t",
          "&a ",
          "*a",
          "${",
          "}",
          "{",
          "[",
          "]",
          "'",
          "\"",
          "#",
          "\n",
          "  ",
          "|\n",
          ">-\n",
          "!!binary ",
          "~",
          "null",
          "1e309",
          "99999999999999999999",
          "@",
          "://",
          "\u0000",
          "é",
          "${with.",
          "${vars.x}",
          "hf_AbCdEfGhIjKlMnOpQrStUv123456",
          "---\n",
          "? ",
          "<<: *a");

  @Property(tries = 10_000)
  void aMutatedSpecRendersOrIsRefusedWithAPositionedError(@ForAll("mutatedSpecs") String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          try {
            AppSpec spec = new AppSpecParser().parse("fuzz.yaml", text);
            assertThat(RENDERER.render(spec, "dev").objects()).isNotEmpty();
          } catch (PavedException refused) {
            assertThat(refused.oneLine()).startsWith("fuzz.yaml").doesNotContain("\n");
          }
        });
  }

  @Property(tries = 1_000)
  void aMutatedGoldenPathLoadsOrIsRefusedWithAPositionedError(@ForAll("mutatedPaths") String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          try {
            assertThat(new GoldenPathLoader().load("fuzz-path.yaml", text).resources())
                .isNotEmpty();
          } catch (PavedException refused) {
            assertThat(refused.oneLine()).startsWith("fuzz-path.yaml");
          }
        });
  }

  @Provide
  Arbitrary<String> mutatedSpecs() {
    return mutated(SEEDS);
  }

  @Provide
  Arbitrary<String> mutatedPaths() {
    return mutated(PATH_SEEDS);
  }

  private Arbitrary<String> mutated(List<String> seeds) {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.integers().between(0, 6),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(FRAGMENTS),
                Arbitraries.chars().all())
            .as(Mutation::new);
    return Combinators.combine(Arbitraries.of(seeds), mutation.list().ofMinSize(1).ofMaxSize(6))
        .as(
            (seed, mutations) -> {
              String text = seed;
              for (Mutation m : mutations) {
                text = m.apply(text);
              }
              return text;
            });
  }

  /** One random edit of a text. */
  record Mutation(int kind, double at, double to, String fragment, char character) {
    String apply(String text) {
      int i = (int) (at * text.length());
      int j = Math.min(text.length(), i + (int) (to * 40));
      return switch (kind) {
        case 0 -> text.substring(0, i) + fragment + text.substring(i);
        case 1 -> text.substring(0, i) + text.substring(j);
        case 2 -> text.substring(0, i) + character + text.substring(i);
        case 3 -> text.substring(0, i);
        case 4 -> duplicateLine(text, i);
        case 5 -> text.substring(0, i) + text.substring(i, j).toUpperCase() + text.substring(j);
        default -> text.substring(0, i) + fragment + text.substring(j);
      };
    }

    private static String duplicateLine(String text, int at) {
      int start = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
      int end = text.indexOf('\n', at);
      String line = text.substring(start, end < 0 ? text.length() : end + 1);
      return text.substring(0, start) + line + text.substring(start);
    }
  }

  private static List<String> seeds() {
    try (Stream<Path> inputs = Files.walk(Path.of("src/test/resources/golden"))) {
      return inputs
          .filter(p -> p.getFileName().toString().equals("input.yaml"))
          .sorted()
          .map(SpecFuzzProperties::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
