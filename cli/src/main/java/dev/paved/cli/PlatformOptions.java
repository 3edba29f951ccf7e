package dev.paved.cli;

import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --platform DIR} option shared by offline commands. */
final class PlatformOptions {

  @Option(
      names = "--platform",
      paramLabel = "DIR",
      description =
          "Platform folder with paths/, targets/ and teams/ whose files override the built-ins "
              + "(default: built-ins only).")
  Path platformDir;

  Platform load() {
    return new PlatformLoader().load(Optional.ofNullable(platformDir));
  }
}
