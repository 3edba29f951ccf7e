package dev.paved.core.platform;

import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.UsageException;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.GoldenPathLoader;
import dev.paved.core.target.Target;
import dev.paved.core.target.TargetLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads the {@link Platform}: the built-in paths and targets shipped in the jar, then the files of
 * an optional platform folder, which replace built-ins of the same name (and version, for paths).
 *
 * <p>Any file that fails to load fails the whole load with its position: a half-loaded platform
 * would render some apps and silently drop others.
 */
public final class PlatformLoader {

  /** Resource folder of the built-ins; {@code index.txt} lists its files. */
  public static final String BUILTIN_ROOT = "/paved/platform/";

  private final GoldenPathLoader pathLoader = new GoldenPathLoader();
  private final TargetLoader targetLoader = new TargetLoader();
  private final TeamLoader teamLoader = new TeamLoader();

  /** The built-ins only. */
  public Platform builtIn() {
    return load(Optional.empty());
  }

  /**
   * The built-ins overridden by the folder's {@code paths/}, {@code targets/} and {@code teams/}.
   */
  public Platform load(Optional<Path> folder) {
    Map<String, GoldenPath> paths = new LinkedHashMap<>();
    Map<String, Target> targets = new LinkedHashMap<>();
    Map<String, Team> teams = new LinkedHashMap<>();
    for (String file : builtInFiles()) {
      add(file, "builtin:" + file, readResource(file), paths, targets, teams);
    }
    folder.ifPresent(
        dir -> {
          if (!Files.isDirectory(dir)) {
            throw new UsageException(
                "platform folder '" + dir + "' does not exist",
                "pass a folder that holds paths/, targets/ or teams/");
          }
          for (Path file : yamlFiles(dir)) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            add(relative, file.toString(), read(file), paths, targets, teams);
          }
        });
    return new Platform(new PathCatalog(List.copyOf(paths.values())), targets, teams);
  }

  private void add(
      String relative,
      String shownName,
      String text,
      Map<String, GoldenPath> paths,
      Map<String, Target> targets,
      Map<String, Team> teams) {
    if (relative.startsWith("paths/")) {
      GoldenPath path = pathLoader.load(shownName, text);
      paths.put(path.ref(), path);
    } else if (relative.startsWith("targets/")) {
      Target target = targetLoader.load(shownName, text);
      targets.put(target.name(), target);
    } else if (relative.startsWith("teams/")) {
      Team team = teamLoader.load(shownName, text);
      teams.put(team.name(), team);
    }
  }

  /** Built-in files listed in {@code index.txt}, in order. */
  public static List<String> builtInFiles() {
    return readResource("index.txt")
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  /** The text of a built-in file, e.g. {@code paths/llm-inference.yaml}. */
  public static String readResource(String name) {
    try (InputStream in = PlatformLoader.class.getResourceAsStream(BUILTIN_ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("built-in resource missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> yamlFiles(Path dir) {
    List<Path> files = new ArrayList<>();
    for (String section : List.of("paths", "targets", "teams")) {
      Path sub = dir.resolve(section);
      if (!Files.isDirectory(sub)) {
        continue;
      }
      try (Stream<Path> listing = Files.list(sub)) {
        listing
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new EnvironmentException(
            "cannot list " + sub + ": " + e.getMessage(),
            "check the folder's permissions",
            false,
            e);
      }
    }
    return files;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot read " + file + ": " + e.getMessage(), "check the file's permissions", false, e);
    }
  }
}
