package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ApiClient;
import dev.paved.cli.client.Credentials;
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

/** {@code paved apps} and {@code paved status [APP]}: the apps you may see and their health. */
@Command(
    name = "apps",
    mixinStandardHelpOptions = true,
    description = {
      "List the apps you may see on the server, with health and endpoint per environment."
    })
class AppsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--team", paramLabel = "TEAM", description = "Only this team's apps.")
  String team;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description = "Only apps deployed to this environment.")
  String env;

  @Mixin ReportFormat format;

  String only() {
    return "";
  }

  boolean reasons() {
    return false;
  }

  @Override
  public Integer call() {
    format.requireTextOrJson(spec.name());
    ApiClient client = ApiClient.of(Credentials.standard().current());
    StringBuilder query = new StringBuilder("/api/v1/apps?");
    if (team != null) {
      query
          .append("team=")
          .append(java.net.URLEncoder.encode(team, java.nio.charset.StandardCharsets.UTF_8))
          .append('&');
    }
    if (env != null) {
      query
          .append("env=")
          .append(java.net.URLEncoder.encode(env, java.nio.charset.StandardCharsets.UTF_8));
    }
    JsonNode apps = client.get(query.toString()).path("apps");
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(ManifestWriter.json(Map.of("apps", apps)));
      out.flush();
      return 0;
    }
    out.printf(
        "%-28s %-15s %-8s %-12s %-10s %-9s %s%n",
        "APP", "PATH", "ENV", "HEALTH", "SYNC", "REVISION", "ENDPOINT");
    int shown = 0;
    for (JsonNode app : apps) {
      if (!only().isEmpty() && !only().equals(app.path("app").asText())) {
        continue;
      }
      for (JsonNode e : app.path("envs")) {
        out.printf(
            "%-28s %-15s %-8s %-12s %-10s %-9s %s%n",
            app.path("team").asText() + "/" + app.path("app").asText(),
            app.path("path").asText(),
            e.path("env").asText(),
            e.path("health").asText(),
            e.path("sync").path("state").asText("-"),
            shortRevision(e),
            e.path("endpoint").asText("-"));
        if (reasons()) {
          out.println("    " + e.path("reason").asText());
          if ("OutOfSync".equals(e.path("sync").path("state").asText())) {
            out.println(
                "    OutOfSync: "
                    + e.path("sync").path("reason").asText()
                    + " (paved diff "
                    + app.path("app").asText()
                    + " --env "
                    + e.path("env").asText()
                    + ")");
          }
        }
        shown++;
      }
    }
    if (shown == 0) {
      out.println(
          only().isEmpty()
              ? "(no apps you may see)"
              : "(no app named " + only() + " that you may see)");
    }
    out.flush();
    return !only().isEmpty() && shown == 0 ? 1 : 0;
  }

  /** The app's own revision (the commit that last changed what it deploys), else main's. */
  private static String shortRevision(JsonNode env) {
    String revision = env.path("appRevision").asText(env.path("revision").asText("-"));
    return revision.substring(0, Math.min(8, revision.length()));
  }

  /** {@code paved status [APP]}: the same, with each environment's reason. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Show the health of your apps per environment, with the reason; APP limits it to one."
      })
  static final class Status extends AppsCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "Only this app.")
    String app;

    @Override
    String only() {
      return app == null ? "" : app;
    }

    @Override
    boolean reasons() {
      return true;
    }
  }
}
