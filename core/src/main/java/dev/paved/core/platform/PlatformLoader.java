package dev.paved.core.platform;

import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.UsageException;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.GoldenPathLoader;
import dev.paved.core.policy.BuiltInRules;
import dev.paved.core.policy.PolicyLoader;
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
 * an optional platform folder ({@code paths/}, {@code targets/}, {@code teams/}, {@code
 * policies/}), which replace built-ins of the same name (and version, for paths).
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
  private final PolicyLoader policyLoader = new PolicyLoader();

  /** The built-ins only. */
  public Platform builtIn() {
    return load(Optional.empty());
  }

  /**
   * The built-ins overridden by the folder's {@code paths/}, {@code targets/}, {@code teams/} and
   * {@code policies/}.
   */
  public Platform load(Optional<Path> folder) {
    Map<String, String> files = new LinkedHashMap<>();
    Map<String, String> shown = new LinkedHashMap<>();
    folder.ifPresent(
        dir -> {
          if (!Files.isDirectory(dir)) {
            throw new UsageException(
                "platform folder '" + dir + "' does not exist",
                "pass a folder that holds paths/, targets/, teams/ or policies/");
          }
          for (Path file : yamlFiles(dir)) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            files.put(relative, read(file));
            shown.put(relative, file.toString());
          }
        });
    return load(files, shown);
  }

  /**
   * The built-ins overridden by files given as text, keyed by their path under the platform folder
   * ({@code paths/x.yaml}, {@code targets/y.yaml}, …), e.g. read from a Git revision. Errors name
   * {@code shownNames.get(path)}, or the path itself when absent.
   */
  public Platform load(Map<String, String> files, Map<String, String> shownNames) {
    Contents contents = new Contents();
    for (String file : builtInFiles()) {
      add(contents, file, "builtin:" + file, readResource(file));
    }
    files.forEach(
        (relative, text) ->
            add(contents, relative, shownNames.getOrDefault(relative, relative), text));
    return new Platform(
        new PathCatalog(List.copyOf(contents.paths.values())),
        contents.targets,
        contents.teams,
        PolicyLoader.combine(contents.policies, BuiltInRules.all()));
  }

  /** What has been read so far; later files replace earlier ones of the same name. */
  private static final class Contents {
    final Map<String, GoldenPath> paths = new LinkedHashMap<>();
    final Map<String, Target> targets = new LinkedHashMap<>();
    final Map<String, Team> teams = new LinkedHashMap<>();
    final List<PolicyLoader.PolicyFile> policies = new ArrayList<>();
  }

  private void add(Contents contents, String relative, String shownName, String text) {
    if (relative.startsWith("paths/")) {
      GoldenPath path = pathLoader.load(shownName, text);
      contents.paths.put(path.ref(), path);
    } else if (relative.startsWith("targets/")) {
      Target target = targetLoader.load(shownName, text);
      contents.targets.put(target.name(), target);
    } else if (relative.startsWith("teams/")) {
      Team team = teamLoader.load(shownName, text);
      contents.teams.put(team.name(), team);
    } else if (relative.startsWith("policies/")) {
      contents.policies.add(policyLoader.read(shownName, text));
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
    for (String section : List.of("paths", "targets", "teams", "policies")) {
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
