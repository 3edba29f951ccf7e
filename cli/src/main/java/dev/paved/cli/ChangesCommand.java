package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ApiClient;
import dev.paved.cli.client.Credentials;
import dev.paved.core.render.ManifestWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved changes list|show|approve|merge|close}: change requests on the server. */
@Command(
    name = "changes",
    mixinStandardHelpOptions = true,
    description = {"List, read, approve, merge and close change requests on the server."},
    subcommands = {
      ChangesCommand.ListChanges.class,
      ChangesCommand.Show.class,
      ChangesCommand.Act.Approve.class,
      ChangesCommand.Act.Merge.class,
      ChangesCommand.Act.Close.class
    })
final class ChangesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static ApiClient client() {
    return ApiClient.of(Credentials.standard().current());
  }

  /** One change on a line; an open change that cannot merge as it stands is "blocked". */
  static void print(PrintWriter out, JsonNode change) {
    boolean blocked =
        change.has("blocked")
            && List.of("open", "approved").contains(change.path("state").asText());
    out.printf(
        "%-12s %-9s %-10s %s%n",
        change.path("id").asText(),
        blocked ? "blocked" : change.path("state").asText(),
        change.path("author").asText(),
        change.path("title").asText());
    if (blocked) {
      out.println("             " + change.path("blocked").asText());
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {"The change requests you may see, newest last."})
  static final class ListChanges implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ReportFormat format;

    @Override
    public Integer call() {
      format.requireTextOrJson("changes list");
      JsonNode changes = client().get("/api/v1/changes").path("changes");
      PrintWriter out = spec.commandLine().getOut();
      if (format.json()) {
        out.print(ManifestWriter.json(Map.of("changes", changes)));
      } else {
        out.printf("%-12s %-9s %-10s %s%n", "ID", "STATE", "AUTHOR", "TITLE");
        changes.forEach(c -> print(out, c));
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "One change request with its checks: rendered diff, policy findings, cost delta."
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ReportFormat format;

    @Parameters(index = "0", paramLabel = "ID", description = "The change's id (cr-…).")
    String id;

    @Override
    public Integer call() {
      format.requireTextOrJson("changes show");
      JsonNode change = client().get("/api/v1/changes/" + id);
      PrintWriter out = spec.commandLine().getOut();
      if (format.json()) {
        out.print(ManifestWriter.json(change));
        out.flush();
        return 0;
      }
      print(out, change);
      out.println("approvals: " + change.path("approvals"));
      if (change.has("waitingFor")) {
        out.println("it waits for " + change.path("waitingFor").asText());
      }
      JsonNode checks = change.path("checks");
      checks
          .path("costs")
          .forEach(
              c ->
                  out.printf(
                      "cost %s/%s in %s: %+.2f to %+.2f $/month%n",
                      c.path("team").asText(),
                      c.path("app").asText(),
                      c.path("env").asText(),
                      c.path("delta").path("min").asDouble(),
                      c.path("delta").path("max").asDouble()));
      checks
          .path("findings")
          .forEach(
              f ->
                  out.println(
                      f.path("severity").asText()
                          + "  "
                          + f.path("rule").asText()
                          + "  "
                          + f.path("object").asText()
                          + ": "
                          + f.path("message").asText()));
      checks.path("problems").forEach(p -> out.println("problem: " + p.path("message").asText()));
      checks.path("renderedChanges").forEach(r -> out.print(r.path("diff").asText()));
      out.flush();
      return 0;
    }
  }

  /** approve, merge and close: one POST each. */
  abstract static class Act implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The change's id (cr-…).")
    String id;

    abstract String action();

    @Override
    public Integer call() {
      JsonNode change = client().post("/api/v1/changes/" + id + "/" + action(), Map.of());
      PrintWriter out = spec.commandLine().getOut();
      print(out, change);
      JsonNode outcome = change.path("outcome");
      if (outcome.has("merged") && !outcome.path("merged").asBoolean()) {
        out.println("not merged: " + outcome.path("reason").asText());
        out.flush();
        return 1;
      }
      out.flush();
      return 0;
    }

    @Command(
        name = "approve",
        mixinStandardHelpOptions = true,
        description = {"Approve a change (not your own)."})
    static final class Approve extends Act {
      @Override
      String action() {
        return "approve";
      }
    }

    @Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {"Merge a change; exit 1 with the reason when it may not merge yet."})
    static final class Merge extends Act {
      @Override
      String action() {
        return "merge";
      }
    }

    @Command(
        name = "close",
        mixinStandardHelpOptions = true,
        description = {"Close a change without merging (your own, or as a platform engineer)."})
    static final class Close extends Act {
      @Override
      String action() {
        return "close";
      }
    }
  }
}
