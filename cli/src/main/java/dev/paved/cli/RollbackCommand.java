package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ServerApps;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved rollback APP --env E --to REV}: a change back to an earlier revision. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Roll an app back in one environment to one of its earlier revisions.",
      "",
      "It opens a change request with the app's spec of that revision (merged",
      "at once where the environment allows). 'paved history APP --env ENV' lists",
      "the revisions; any unique prefix of one (7 or more hex digits) works."
    },
    footer = {
      "",
      "Example:",
      "  paved history chat --env prod",
      "  paved rollback chat --env prod --to 3f1c2a9b"
    })
final class RollbackCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "APP", description = "The app (or TEAM/APP).")
  String app;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
  String env;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "REV",
      description = "The revision to go back to: a commit id or a unique prefix of 7+ digits.")
  String revision;

  @Override
  public Integer call() {
    var client = ChangesCommand.client();
    JsonNode change =
        client.post(
            ServerApps.path(client, app) + "/rollback", Map.of("env", env, "revision", revision));
    var out = spec.commandLine().getOut();
    ChangesCommand.print(out, change);
    JsonNode merge = change.path("autoMerge");
    out.println(
        merge.path("merged").asBoolean(false)
            ? "merged as " + merge.path("commit").asText()
            : "it waits for " + change.path("waitingFor").asText());
    out.flush();
    return 0;
  }
}
