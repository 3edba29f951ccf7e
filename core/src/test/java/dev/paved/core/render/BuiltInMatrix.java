package dev.paved.core.render;

import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.AppSpecParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Every built-in path × every built-in target, with the golden input of each path. */
public final class BuiltInMatrix {

  public static final Path GOLDEN = Path.of("src/test/resources/golden");
  public static final Platform PLATFORM = new PlatformLoader().builtIn();

  /** Rendered environments: prod takes each input's overrides, dev its base values. */
  public static final List<String> ENVIRONMENTS = List.of("prod", "dev");

  private BuiltInMatrix() {}

  public static List<String> paths() {
    return PLATFORM.paths().names();
  }

  public static List<String> targets() {
    return List.copyOf(PLATFORM.targets().keySet());
  }

  public static Stream<Arguments> cases() {
    return paths().stream()
        .flatMap(
            path ->
                targets().stream()
                    .flatMap(
                        target ->
                            ENVIRONMENTS.stream().map(env -> Arguments.of(path, target, env))));
  }

  public static AppSpec input(String path) {
    Path file = GOLDEN.resolve(path).resolve("input.yaml");
    try {
      return new AppSpecParser().parse(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RenderedApp render(String path, String target, String env) {
    return new Renderer(PLATFORM).render(input(path), env, PLATFORM.requireTarget(target));
  }

  public static RenderedApp render(String path, String target) {
    return render(path, target, "prod");
  }
}
