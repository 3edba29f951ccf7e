package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.core.error.UsageException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved rollback TEAM/APP --env E --to REV}: a change back to an earlier revision. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Roll an app back in one environment to an earlier revision of main.",
      "",
      "It opens a change request with the app's files of that revision (merged",
      "at once where the environment allows). 'paved status APP' and the app's",
      "history show the revisions."
    },
    footer = {"", "Example:", "  paved rollback search/chat --env prod --to 3f1c…(40 hex digits)"})
final class RollbackCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TEAM/APP", description = "The app.")
  String app;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
  String env;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "REV",
      description = "The revision (full commit id) to go back to.")
  String revision;

  @Override
  public Integer call() {
    String[] parts = app.split("/");
    if (parts.length != 2) {
      throw new UsageException("'" + app + "' is not TEAM/APP", "for example search/chat");
    }
    JsonNode change =
        ChangesCommand.client()
            .post(
                "/api/v1/apps/" + parts[0] + "/" + parts[1] + "/rollback",
                Map.of("env", env, "revision", revision));
    var out = spec.commandLine().getOut();
    ChangesCommand.print(out, change);
    JsonNode merge = change.path("autoMerge");
    out.println(
        merge.path("merged").asBoolean(false)
            ? "merged as " + merge.path("commit").asText()
            : "waiting for approval: paved changes approve " + change.path("id").asText());
    out.flush();
    return 0;
  }
}
