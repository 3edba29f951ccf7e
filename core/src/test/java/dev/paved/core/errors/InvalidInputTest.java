package dev.paved.core.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.path.GoldenPathLoader;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.Renderer;
import dev.paved.core.spec.AppSpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input fixtures: every file under {@code invalid/specs}, {@code invalid/paths} and {@code
 * invalid/targets} must fail with one {@link InvalidInputException} whose one-line message starts
 * with {@code file:line:col} and contains the expected phrase (listed in each folder's {@code
 * expected-errors.txt}).
 */
class InvalidInputTest {

  private static final Path ROOT = Path.of("src/test/resources/invalid");
  private static final Renderer RENDERER = new Renderer(new PlatformLoader().builtIn());

  static Stream<Arguments> specs() throws IOException {
    return expectations("specs");
  }

  static Stream<Arguments> paths() throws IOException {
    return expectations("paths");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void aBadSpecFailsWithItsPositionAndAHint(String file, String position, String phrase)
      throws IOException {
    Path path = ROOT.resolve("specs").resolve(file);
    String text = Files.readString(path);
    InvalidInputException error =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> RENDERER.render(new AppSpecParser().parse(path.toString(), text), "dev"));
    assertFailsAt(error, path, position, phrase);
  }

  static Stream<Arguments> targets() throws IOException {
    return expectations("targets");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void aTargetThatNamesItsClusterBadlyFailsAtLoadWithItsPosition(
      String file, String position, String phrase) throws IOException {
    Path path = ROOT.resolve("targets").resolve(file);
    String text = Files.readString(path);
    InvalidInputException error =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> new dev.paved.core.target.TargetLoader().load(path.toString(), text));
    assertFailsAt(error, path, position, phrase);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void aBrokenGoldenPathFailsAtLoadWithItsPosition(String file, String position, String phrase)
      throws IOException {
    Path path = ROOT.resolve("paths").resolve(file);
    String text = Files.readString(path);
    InvalidInputException error =
        catchThrowableOfType(
            InvalidInputException.class, () -> new GoldenPathLoader().load(path.toString(), text));
    assertFailsAt(error, path, position, phrase);
  }

  private static void assertFailsAt(
      InvalidInputException error, Path file, String position, String phrase) {
    assertThat(error).as("%s must be refused", file).isNotNull();
    String where = position.equals("0:0") ? file + ": " : file + ":" + position + ": ";
    assertThat(error.oneLine()).startsWith(where).contains(phrase).doesNotContain("\n");
    assertThat(error.hint()).as("a hint says how to fix it").isNotBlank();
  }

  private static Stream<Arguments> expectations(String folder) throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve(folder).resolve("expected-errors.txt"));
    List<Arguments> cases =
        lines.stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .map(line -> line.split("\\s*\\|\\s*", 3))
            .map(parts -> Arguments.of(parts[0].strip(), parts[1].strip(), parts[2].strip()))
            .toList();
    try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
      List<String> fixtures =
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).toList();
      assertThat(cases.stream().map(a -> (String) a.get()[0]).toList())
          .as("every fixture in %s has an expectation", folder)
          .containsExactlyInAnyOrderElementsOf(fixtures);
    }
    return cases.stream();
  }
}
