package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ServerApps;
import dev.paved.core.render.ManifestWriter;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code paved history APP --env E}: the app's own revisions, to see what changed and roll back.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "List an app's revisions in one environment, newest first: the main commits",
      "that changed what it deploys (not other apps' commits), who merged them, the",
      "change request, and the lines of paved.yaml they changed. The one deployed now",
      "is marked. Any unique prefix of a revision (7+ digits) works for rollback."
    },
    footer = {
      "",
      "Examples:",
      "  paved history chat --env prod",
      "  paved history search/chat --env prod --page 2",
      "  paved rollback chat --env prod --to 3f1c2a9b"
    })
final class HistoryCommand implements Callable<Integer> {

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
      names = "--page",
      paramLabel = "N",
      defaultValue = "1",
      description = "Which page, newest first. Default: ${DEFAULT-VALUE}.")
  int page;

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "20",
      description = "Revisions per page (1 to 100). Default: ${DEFAULT-VALUE}.")
  int size;

  @Mixin ReportFormat format;

  @Override
  public Integer call() {
    format.requireTextOrJson("history");
    var client = ChangesCommand.client();
    JsonNode answer =
        client.get(
            ServerApps.path(client, app)
                + "/revisions?env="
                + env
                + "&page="
                + page
                + "&size="
                + size);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(
          ManifestWriter.json(
              Map.of("revisions", answer.path("revisions"), "more", answer.path("more"))));
      out.flush();
      return 0;
    }
    if (answer.path("revisions").isEmpty()) {
      out.println(
          "(no revisions of " + app + " in " + env + (page > 1 ? " on page " + page : "") + ")");
      out.flush();
      return 0;
    }
    out.printf(
        "%-12s  %-16s  %-10s  %-11s  %s%n", "REVISION", "MERGED (UTC)", "BY", "CHANGE", "WHAT");
    for (JsonNode r : answer.path("revisions")) {
      out.printf(
          "%-12s  %-16s  %-10s  %-11s  %s%s%n",
          r.path("shortId").asText(),
          r.path("time").asText().replace('T', ' ').substring(0, 16),
          r.path("author").asText(),
          r.path("change").asText("-"),
          r.path("title").asText(),
          r.path("deployed").asBoolean()
              ? "  (deployed now)"
              : r.path("removed").asBoolean() ? "  (removed)" : "");
      r.path("specChanges").forEach(line -> out.println("              " + line.asText()));
    }
    if (answer.path("more").asBoolean()) {
      out.println("older: paved history " + app + " --env " + env + " --page " + (page + 1));
    }
    out.flush();
    return 0;
  }
}
