package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ServerApps;
import dev.paved.core.render.ManifestWriter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved diff APP --env E}: what differs between main and the cluster. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Show how an app's objects in the cluster differ from main in one environment: objects",
      "missing and fields Paved sets whose live value differs (a hand edit, a merge not synced",
      "yet). Read without writing, from the server's watch cache; --refresh reads the API",
      "server itself. Exit 0 when Synced, 1 when OutOfSync, 3 when it cannot be known."
    },
    footer = {"", "Example:", "  paved diff chat --env prod"})
final class DiffCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "APP", description = "The app (or TEAM/APP).")
  String app;

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
  String env;

  @Option(names = "--refresh", description = "Read the cluster's API server, not the watch cache.")
  boolean refresh;

  @Mixin ReportFormat format;

  @Override
  public Integer call() {
    format.requireTextOrJson("diff");
    var client = ChangesCommand.client();
    JsonNode sync =
        client
            .get(
                ServerApps.path(client, app)
                    + "/diff?env="
                    + env
                    + (refresh ? "&refresh=true" : ""))
            .path("sync");
    PrintWriter out = spec.commandLine().getOut();
    String state = sync.path("state").asText();
    if (format.json()) {
      out.print(ManifestWriter.json(sync));
    } else {
      out.println(
          state
              + (sync.path("reason").asText().isEmpty()
                  ? ""
                  : ": " + sync.path("reason").asText()));
      for (JsonNode object : sync.path("drift")) {
        if (object.path("missing").asBoolean()) {
          out.println("+ " + object.path("object").asText() + "  (missing in the cluster)");
          continue;
        }
        out.println("~ " + object.path("object").asText());
        for (JsonNode field : object.path("fields")) {
          out.println("    " + field.path("path").asText());
          out.println("      - live:  " + field.path("live").asText());
          out.println("      + main:  " + field.path("desired").asText());
        }
      }
    }
    out.flush();
    return switch (state) {
      case "Synced" -> 0;
      case "OutOfSync" -> 1;
      default -> 3;
    };
  }
}
