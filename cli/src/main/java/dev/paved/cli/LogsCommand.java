package dev.paved.cli;

import dev.paved.cli.client.ServerApps;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved logs APP}: the app's logs through the server. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Print the last lines of the logs of an app's pods in one environment.",
      "",
      "Each line is prefixed with pod and container; -f follows the first",
      "running pod. Through the server you are logged in to. (The sandbox's KWOK",
      "nodes serve no logs; they say so.)"
    })
final class LogsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "APP", description = "The app (or TEAM/APP).")
  String app;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      defaultValue = "dev",
      description = "Environment. Default: ${DEFAULT-VALUE}.")
  String env;

  @Option(
      names = "--tail",
      paramLabel = "N",
      defaultValue = "100",
      description = "Lines per container. Default: ${DEFAULT-VALUE}.")
  int tail;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep streaming new lines (Ctrl-C stops).")
  boolean follow;

  @Override
  public Integer call() {
    var client = ChangesCommand.client();
    client.stream(
        ServerApps.path(client, app)
            + "/logs?env="
            + env
            + "&tail="
            + tail
            + (follow ? "&follow=true" : ""),
        new WriterStream(spec.commandLine().getOut()));
    return 0;
  }

  /** Bytes to the command's writer (so tests capture them), decoded as UTF-8. */
  private static final class WriterStream extends java.io.OutputStream {
    private final java.io.PrintWriter writer;

    WriterStream(java.io.PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      writer.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      writer.write(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      writer.flush();
    }
  }
}
