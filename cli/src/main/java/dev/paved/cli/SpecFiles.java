package dev.paved.cli;

import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.error.UsageException;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.core.text.SecretDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

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
    return parse(file, text(file));
  }

  static AppSpec parse(Path file, String text) {
    return new AppSpecParser().parse(file.toString(), text);
  }

  /**
   * Refuses a spec holding a secret-shaped value anywhere (comments too), at its line and column,
   * before it is sent anywhere.
   */
  static void refuseSecrets(Path file, String text) {
    SecretDetector.findIn(file.toString(), text).stream()
        .findFirst()
        .ifPresent(
            found -> {
              throw new InvalidInputException(
                  "this looks like "
                      + found.what()
                      + "; secret values must never be written in a spec",
                  found.location(),
                  "remove it, list the secret's NAME under 'secrets:' and store the value in the"
                      + " cluster (Secret <app>-secrets, one key per name)");
            });
  }

  /**
   * The server's error about a spec, at the same line and column of the user's {@code file}: the
   * server names the spec {@code paved.yaml} or by its repository path.
   */
  static InvalidInputException relocate(InvalidInputException e, Path file) {
    Optional<SourceLocation> location =
        e.location()
            .filter(l -> l.file().equals("paved.yaml") || l.file().endsWith("/paved.yaml"))
            .map(l -> new SourceLocation(file.toString(), l.line(), l.column()));
    if (location.isEmpty()) {
      return e;
    }
    String message = e.getMessage().replace(e.location().get().file() + ":", file + ":");
    return new InvalidInputException(message, location, e.hint(), e);
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
