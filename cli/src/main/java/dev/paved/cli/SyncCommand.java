package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ServerApps;
import dev.paved.core.render.ManifestWriter;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved sync APP --env E}: apply main to the app now. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync an app in one environment to main now, also where the environment does not sync",
      "by itself (autoSync: false, the safe setting for prod) or does not heal drift: what",
      "someone changed by hand is set back to main. Prune follows the environment's rules.",
      "For the team's members and platform engineers; exit 1 when the sync failed."
    },
    footer = {"", "Examples:", "  paved diff chat --env prod", "  paved sync chat --env prod"})
final class SyncCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "APP", description = "The app (or TEAM/APP).")
  String app;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
  String env;

  @Mixin ReportFormat format;

  @Override
  public Integer call() {
    format.requireTextOrJson("sync");
    var client = ChangesCommand.client();
    JsonNode run = client.post(ServerApps.path(client, app) + "/sync", Map.of("env", env));
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(ManifestWriter.json(run));
    } else {
      String status = run.path("status").asText();
      out.println(
          ("synced".equals(status) ? "synced " : "sync " + status.toUpperCase(Locale.ROOT) + ": ")
              + app
              + " in "
              + env
              + " at "
              + run.path("revision").asText().substring(0, 12)
              + ("synced".equals(status) ? "" : ": " + run.path("message").asText()));
      for (JsonNode object : run.path("objects")) {
        String outcome = object.path("outcome").asText();
        if (!"UNCHANGED".equals(outcome)) {
          out.println(
              "  " + outcome.toLowerCase(Locale.ROOT) + "  " + object.path("object").asText());
        }
      }
    }
    out.flush();
    return "synced".equals(run.path("status").asText()) ? 0 : 1;
  }
}
