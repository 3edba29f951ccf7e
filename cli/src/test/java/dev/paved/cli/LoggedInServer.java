package dev.paved.cli;

import dev.paved.cli.client.Credentials;
import dev.paved.server.Launch;
import dev.paved.server.config.SettingsLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real server in this JVM over a data directory, with the {@code paved} command logged in to it
 * as its admin through a credentials file in that directory; closing stops it and puts the
 * command's credentials setting back.
 */
final class LoggedInServer implements AutoCloseable {

  private final Launch launch;
  private final Optional<String> before;

  private LoggedInServer(Launch launch, Optional<String> before) {
    this.launch = launch;
    this.before = before;
  }

  /** Starts it with these settings (data-dir and port are set here). */
  static LoggedInServer start(Path data, Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.put("data-dir", data.toString());
    all.put("port", "0");
    Launch launch = Launch.start(SettingsLoader.load(all, Map.of(), Optional.empty()), m -> {});
    Optional<String> before = Optional.ofNullable(System.getProperty("paved.credentials"));
    Path credentials = data.resolve("credentials.json");
    System.setProperty("paved.credentials", credentials.toString());
    new Credentials(credentials)
        .save(
            new Credentials.Login(
                launch.server().url().toString(),
                launch.adminToken().orElseThrow().token(),
                "admin"));
    return new LoggedInServer(launch, before);
  }

  Launch launch() {
    return launch;
  }

  @Override
  public void close() {
    launch.close();
    before.ifPresentOrElse(
        b -> System.setProperty("paved.credentials", b),
        () -> System.clearProperty("paved.credentials"));
  }
}
