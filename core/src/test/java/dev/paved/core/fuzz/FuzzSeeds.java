package dev.paved.core.fuzz;

import dev.paved.core.platform.PlatformLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The valid texts the fuzz tests start from. */
public final class FuzzSeeds {

  private FuzzSeeds() {}

  /** The golden files' {@code input.yaml} specs, one per built-in path. */
  public static List<String> specs() {
    try (Stream<Path> inputs = Files.walk(Path.of("src/test/resources/golden"))) {
      return inputs
          .filter(p -> p.getFileName().toString().equals("input.yaml"))
          .sorted()
          .map(FuzzSeeds::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The built-in golden paths shipped in the jar. */
  public static List<String> goldenPaths() {
    return PlatformLoader.builtInFiles().stream()
        .filter(f -> f.startsWith("paths/"))
        .map(PlatformLoader::readResource)
        .toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
