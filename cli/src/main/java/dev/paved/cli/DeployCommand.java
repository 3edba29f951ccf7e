package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ApiClient;
import dev.paved.cli.client.Credentials;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.spec.AppSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code paved deploy}: open a change for a paved.yaml, merge it when allowed, follow it to
 * Healthy.
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploy a paved.yaml to one environment through a change request.",
      "",
      "The server renders it, checks it (policies, cost), and merges it at once",
      "where the environment allows (dev by default); otherwise it waits for an",
      "approval. With --wait, follow the sync and health until the app is",
      "Healthy and print its endpoint; exit 1 (with the doctor's findings) when",
      "it does not get there in time."
    },
    footer = {"", "Example:", "  paved deploy -f examples/llm-inference.yaml --env dev --wait"})
final class DeployCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The paved.yaml.")
  Path file;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      defaultValue = "dev",
      description = "Environment. Default: ${DEFAULT-VALUE}.")
  String env;

  @Option(names = "--wait", description = "Follow sync and health until the app is Healthy.")
  boolean waitForHealth;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description = "How long --wait waits (e.g. 90s, 10m). Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Option(
      names = "--even-if-blocked",
      description =
          "Open the change even when a policy blocks it (it cannot merge until the finding is"
              + " fixed or waived).")
  boolean evenIfBlocked;

  @Mixin ReportFormat format;

  @Override
  public Integer call() throws InterruptedException {
    format.requireTextOrJson("deploy");
    String text = SpecFiles.text(file);
    AppSpec app = SpecFiles.parse(file, text);
    SpecFiles.refuseSecrets(file, text);
    Duration limit = Durations.parse(timeout, "--timeout");
    ApiClient client = ApiClient.of(Credentials.standard().current());
    PrintWriter err = spec.commandLine().getErr();
    JsonNode preview = preview(client, text);
    if (preview.path("check").path("blocked").asBoolean() && !evenIfBlocked) {
      blocking(err, preview.path("check").path("findings"));
      say(
          err,
          "nothing was opened: fix the spec, or ask a platform engineer for a waiver"
              + " (docs/policies.md) and open it anyway with --even-if-blocked");
      return finish(new LinkedHashMap<>(), "blocked", 1);
    }
    Map<String, Object> intent = new LinkedHashMap<>();
    intent.put("type", "put-app");
    intent.put("spec", text);
    intent.put("envs", List.of(env));
    JsonNode change =
        relocated(
            () ->
                client.post(
                    "/api/v1/changes",
                    Map.of(
                        "title",
                        "Deploy " + app.app() + " to " + env,
                        "intents",
                        List.of(intent))));
    String id = change.path("id").asText();
    say(err, "change " + id + " opened: " + summary(change.path("checks")));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("change", id);
    if (change.path("checks").path("blocking").asBoolean()) {
      blocking(err, change.path("checks").path("findings"));
      change
          .path("checks")
          .path("problems")
          .forEach(p -> err.println("  problem: " + p.path("message").asText()));
      say(err, "it waits for " + change.path("waitingFor").asText());
      return finish(result, "blocked", 1);
    }
    JsonNode merge = change.path("autoMerge");
    if (!merge.path("merged").asBoolean(false)) {
      say(
          err,
          merge.has("reason")
              ? "not merged: " + merge.path("reason").asText()
              : "it waits for " + change.path("waitingFor").asText());
      return finish(
          result,
          "merge".equals(change.path("waitingOn").asText())
              ? "waiting for a merge"
              : "waiting for approval",
          0);
    }
    String commit = merge.path("commit").asText();
    result.put("commit", commit);
    say(err, "merged as " + commit.substring(0, 12));
    if (!waitForHealth) {
      return finish(result, "merged", 0);
    }
    return follow(client, app, commit, limit, result);
  }

  /**
   * The server's render, check and price of the spec for the environment, with its own platform; an
   * error there is this file's error, at its line and column.
   */
  private JsonNode preview(ApiClient client, String text) {
    return relocated(() -> client.post("/api/v1/preview", Map.of("spec", text, "env", env)));
  }

  /** Runs a call whose errors name the spec as the server stored it; names this file instead. */
  private JsonNode relocated(java.util.function.Supplier<JsonNode> call) {
    try {
      return call.get();
    } catch (InvalidInputException e) {
      throw SpecFiles.relocate(e, file);
    }
  }

  private static void blocking(PrintWriter err, JsonNode findings) {
    findings.forEach(
        f -> {
          boolean waived = f.path("waived").asBoolean() || f.has("waiver");
          if ("block".equals(f.path("severity").asText()) && !waived) {
            err.println(
                "  block  "
                    + f.path("rule").asText()
                    + "  "
                    + f.path("object").asText()
                    + ": "
                    + f.path("message").asText());
            if (!f.path("fix").asText().isEmpty()) {
              err.println("         fix: " + f.path("fix").asText());
            }
          }
        });
    err.flush();
  }

  /**
   * Follows the app's status once a second until it is Healthy at the merged revision, the doctor
   * has an error about it (printed with its fix at once), or the time is up.
   */
  private int follow(
      ApiClient client, AppSpec app, String commit, Duration limit, Map<String, Object> result)
      throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Instant start = Instant.now();
    String last = "";
    Optional<JsonNode> state = Optional.empty();
    while (Duration.between(start, Instant.now()).compareTo(limit) < 0) {
      JsonNode now = envState(client, app);
      state = Optional.of(now);
      String health = now.path("health").asText();
      boolean current = commit.equals(now.path("revision").asText());
      String line =
          (current ? health : "waiting for the sync of " + commit.substring(0, 12))
              + ": "
              + now.path("reason").asText();
      if (!line.equals(last)) {
        say(err, Duration.between(start, Instant.now()).toSeconds() + "s " + line);
        last = line;
      }
      if ("RENDERED".equals(health)) {
        throw new EnvironmentException(
            "the app is " + now.path("reason").asText(),
            "start the server with a cluster (paved up without --no-cluster)",
            false,
            null);
      }
      if (current && "HEALTHY".equals(health)) {
        result.put("health", health);
        if (now.has("endpoint")) {
          result.put("endpoint", now.path("endpoint").asText());
        }
        say(
            err,
            app.app()
                + " is Healthy in "
                + env
                + " after "
                + Duration.between(start, Instant.now()).toSeconds()
                + "s");
        return finish(result, "healthy", 0);
      }
      if (current && now.has("problem")) {
        result.put("health", health);
        result.put("problem", now.path("problem"));
        say(
            err,
            app.app()
                + " cannot become Healthy in "
                + env
                + ": the doctor found "
                + now.path("problem").path("code").asText());
        printFindings(client, app, err);
        return finish(result, "failing", 1);
      }
      Thread.sleep(1000);
    }
    result.put("health", state.map(s -> s.path("health").asText()).orElse("UNKNOWN"));
    say(
        err,
        "not Healthy after "
            + timeout
            + ": "
            + state.map(s -> s.path("reason").asText()).orElse("no status"));
    printFindings(client, app, err);
    return finish(result, "not healthy", 1);
  }

  private static void say(PrintWriter err, String line) {
    err.println("paved: " + line);
    err.flush();
  }

  /** The doctor's findings about the app, as {@code paved doctor} prints them. */
  private void printFindings(ApiClient client, AppSpec app, PrintWriter err) {
    try {
      var findings =
          dev.paved.cluster.doctor.Diagnosis.fromJson(
              client
                  .get("/api/v1/apps/" + app.team() + "/" + app.app() + "/findings?env=" + env)
                  .toString());
      err.print(
          findings.findings().isEmpty()
              ? "paved: the doctor found nothing yet; run: paved doctor "
                  + app.app()
                  + " --env "
                  + env
                  + "\n"
              : DoctorText.render(findings));
    } catch (dev.paved.core.error.PavedException e) {
      err.println("paved: see why: paved doctor " + app.app() + " --env " + env);
    }
    err.flush();
  }

  private JsonNode envState(ApiClient client, AppSpec app) {
    for (JsonNode e : client.get("/api/v1/apps/" + app.team() + "/" + app.app()).path("envs")) {
      if (env.equals(e.path("env").asText())) {
        return e;
      }
    }
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .createObjectNode()
        .put("health", "MISSING")
        .put("reason", "not on main yet");
  }

  private int finish(Map<String, Object> result, String state, int exit) {
    result.put("state", state);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(ManifestWriter.json(result));
    } else if (result.containsKey("endpoint")) {
      out.println(result.get("endpoint"));
    } else if (result.containsKey("change")) {
      out.println(state + ": change " + result.get("change"));
    } else {
      out.println(state + ": nothing was opened");
    }
    out.flush();
    return exit;
  }

  private static String summary(JsonNode checks) {
    JsonNode delta = checks.path("costDelta");
    long findings = 0;
    for (JsonNode f : checks.path("findings")) {
      if (!f.path("waived").asBoolean()) {
        findings++;
      }
    }
    return checks.path("renderedChanges").size()
        + " rendered files, cost "
        + String.format(
            "%+.2f to %+.2f $/month", delta.path("min").asDouble(), delta.path("max").asDouble())
        + ", "
        + findings
        + " policy findings";
  }
}
