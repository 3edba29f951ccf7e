package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ServerApps;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved delete APP --env E}: a change that removes an app from one environment. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Remove an app from one environment through a change request, and delete its",
      "objects from the cluster once it merges and syncs (even where the environment's",
      "prune is off: deleting is what was asked). Its spec leaves main with its last",
      "environment. Like a deploy, it merges at once where the environment allows and",
      "otherwise waits for approval. Its revisions stay in Git: 'paved history TEAM/APP'",
      "lists them and 'paved rollback TEAM/APP' brings it back."
    },
    footer = {
      "",
      "Examples:",
      "  paved delete chat --env dev",
      "  paved delete search/chat --env prod --keep-objects"
    })
final class DeleteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "APP", description = "The app (or TEAM/APP).")
  String app;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
  String env;

  @Option(
      names = "--keep-objects",
      description =
          "Only take it off main: its objects stay unless the environment's prune removes them.")
  boolean keepObjects;

  @Override
  public Integer call() {
    var client = ChangesCommand.client();
    String path = ServerApps.path(client, app);
    String[] parts = path.substring("/api/v1/apps/".length()).split("/");
    Map<String, Object> intent = new LinkedHashMap<>();
    intent.put("type", "remove-app");
    intent.put("team", parts[0]);
    intent.put("app", parts[1]);
    intent.put("env", env);
    intent.put("delete", !keepObjects);
    JsonNode change = client.post("/api/v1/changes", Map.of("intents", List.of(intent)));
    PrintWriter out = spec.commandLine().getOut();
    ChangesCommand.print(out, change);
    JsonNode merge = change.path("autoMerge");
    if (merge.path("merged").asBoolean(false)) {
      out.println(
          "merged as "
              + merge.path("commit").asText()
              + (keepObjects
                  ? ""
                  : "; the next sync of " + env + " deletes its objects (paved history shows it)"));
    } else {
      out.println("it waits for " + change.path("waitingFor").asText());
    }
    out.flush();
    return 0;
  }
}
