package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ApiClient;
import dev.paved.cli.client.Credentials;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.spec.AppSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  @Mixin ReportFormat format;

  @Override
  public Integer call() throws InterruptedException {
    format.requireTextOrJson("deploy");
    AppSpec app = SpecFiles.read(file);
    Duration limit = Durations.parse(timeout, "--timeout");
    ApiClient client = ApiClient.of(Credentials.standard().current());
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> intent = new LinkedHashMap<>();
    intent.put("type", "put-app");
    intent.put("spec", SpecFiles.text(file));
    intent.put("envs", List.of(env));
    JsonNode change =
        client.post(
            "/api/v1/changes",
            Map.of("title", "Deploy " + app.app() + " to " + env, "intents", List.of(intent)));
    String id = change.path("id").asText();
    err.println("paved: change " + id + " opened: " + summary(change.path("checks")));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("change", id);
    if (change.path("checks").path("blocking").asBoolean()) {
      change
          .path("checks")
          .path("findings")
          .forEach(
              f -> {
                if ("block".equals(f.path("severity").asText()) && !f.path("waived").asBoolean()) {
                  err.println(
                      "  block  "
                          + f.path("rule").asText()
                          + "  "
                          + f.path("object").asText()
                          + ": "
                          + f.path("message").asText());
                }
              });
      change
          .path("checks")
          .path("problems")
          .forEach(p -> err.println("  problem: " + p.path("message").asText()));
      return finish(result, "blocked", 1);
    }
    JsonNode merge = change.path("autoMerge");
    if (!merge.path("merged").asBoolean(false)) {
      err.println(
          "paved: "
              + (merge.has("reason")
                  ? merge.path("reason").asText()
                  : env + " needs an approval before merging"));
      err.println(
          "paved: ask another member: paved changes approve "
              + id
              + "; then: paved changes merge "
              + id);
      return finish(result, "waiting for approval", 0);
    }
    String commit = merge.path("commit").asText();
    result.put("commit", commit);
    err.println("paved: merged as " + commit.substring(0, 12));
    if (!waitForHealth) {
      return finish(result, "merged", 0);
    }
    return follow(client, app, commit, limit, result);
  }

  private int follow(
      ApiClient client, AppSpec app, String commit, Duration limit, Map<String, Object> result)
      throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Instant start = Instant.now();
    String last = "";
    JsonNode state = null;
    while (Duration.between(start, Instant.now()).compareTo(limit) < 0) {
      state = envState(client, app);
      String health = state.path("health").asText();
      boolean current = commit.equals(state.path("revision").asText());
      String line =
          (current ? health : "waiting for the sync of " + commit.substring(0, 12))
              + ": "
              + state.path("reason").asText();
      if (!line.equals(last)) {
        err.println("paved: " + Duration.between(start, Instant.now()).toSeconds() + "s " + line);
        err.flush();
        last = line;
      }
      if ("RENDERED".equals(health)) {
        throw new EnvironmentException(
            "the app is " + state.path("reason").asText(),
            "start the server with a cluster (paved up without --no-cluster)",
            false,
            null);
      }
      if (current && "HEALTHY".equals(health)) {
        result.put("health", health);
        if (state.has("endpoint")) {
          result.put("endpoint", state.path("endpoint").asText());
        }
        err.println(
            "paved: "
                + app.app()
                + " is Healthy in "
                + env
                + " after "
                + Duration.between(start, Instant.now()).toSeconds()
                + "s");
        return finish(result, "healthy", 0);
      }
      Thread.sleep(1000);
    }
    result.put("health", state == null ? "UNKNOWN" : state.path("health").asText());
    err.println(
        "paved: not Healthy after "
            + timeout
            + ": "
            + (state == null ? "" : state.path("reason").asText()));
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
    return finish(result, "not healthy", 1);
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
    } else {
      out.println(state + ": change " + result.get("change"));
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
