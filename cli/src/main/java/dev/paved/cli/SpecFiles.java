package dev.paved.cli;

import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.UsageException;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.AppSpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads spec files named on the command line ({@code -} for standard input). */
final class SpecFiles {

  private SpecFiles() {}

  /**
   * Every {@code paved.yaml} under a folder, sorted; an empty or missing folder is a usage error.
   */
  static java.util.List<Path> find(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new UsageException(
          "no folder " + folder, "pass the folder that holds the apps' paved.yaml files");
    }
    try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
      java.util.List<Path> found =
          files.filter(p -> p.getFileName().toString().equals("paved.yaml")).sorted().toList();
      if (found.isEmpty()) {
        throw new UsageException(
            "no paved.yaml under " + folder, "apps live in apps/<team>/<app>/paved.yaml");
      }
      return found;
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot list " + folder + ": " + e.getMessage(),
          "check the folder's permissions",
          false,
          e);
    }
  }

  static AppSpec read(Path file) {
    return new AppSpecParser().parse(file.toString(), text(file));
  }

  static String text(Path file) {
    try {
      if (file.toString().equals("-")) {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new dev.paved.core.error.InvalidInputException(
          "the file is not UTF-8 text",
          dev.paved.core.error.SourceLocation.ofFile(file.toString()),
          "save it as UTF-8");
    } catch (NoSuchFileException e) {
      throw new UsageException("file not found: " + file, "check the path given to -f");
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot read " + file + ": " + e.getMessage(), "check the file's permissions", false, e);
    }
  }
}
