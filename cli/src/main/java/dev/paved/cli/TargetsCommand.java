package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.cli.client.ApiClient;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.target.Target;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code paved targets}: the targets, their clusters and the GPU classes each offers. */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    description = {
      "List the targets with their cloud, environments, cluster and GPU classes.",
      "",
      "Logged in (paved login), the server's view of main: each target's cluster as its file",
      "names it, whether the server reaches it (or why not: a context no kubeconfig has, a",
      "cluster that does not answer), its Kubernetes version, nodes and GPUs. With --platform,",
      "or not logged in, the files alone (built-ins and DIR), read here."
    })
final class TargetsCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ReportFormat format;

  @Mixin PlatformOptions platformOptions;

  @Override
  public Integer call() {
    format.requireTextOrJson("targets");
    if (platformOptions.platformDir == null) {
      var login = DoctorCommand.loggedIn();
      if (login.isPresent()) {
        return fromServer(ApiClient.of(login.get()));
      }
    }
    var targets = platformOptions.load().targets().values();
    var out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(
          ManifestWriter.json(
              Map.of(
                  "targets",
                  targets.stream().map(dev.paved.core.platform.PlatformViews::target).toList())));
    } else {
      out.printf(
          "%-16s %-8s %-20s %-28s %s%n", "NAME", "CLOUD", "ENVIRONMENTS", "CLUSTER", "GPU CLASSES");
      for (Target t : targets) {
        out.printf(
            "%-16s %-8s %-20s %-28s %s%n",
            t.name(),
            t.cloud(),
            t.environments().isEmpty() ? "-" : String.join(",", t.environments()),
            t.cluster().describe(),
            String.join(", ", t.gpuClasses().keySet()));
      }
    }
    out.flush();
    return 0;
  }

  /** The server's view; exit 1 when a target that an environment syncs to is not reachable. */
  private int fromServer(ApiClient client) {
    JsonNode targets = client.get("/api/v1/targets").path("targets");
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.print(ManifestWriter.json(Map.of("targets", targets)));
      out.flush();
      return worstOf(targets);
    }
    out.printf(
        "%-16s %-8s %-16s %-24s %-13s %-9s %5s  %s%n",
        "NAME", "CLOUD", "ENVIRONMENTS", "CLUSTER", "STATE", "K8S", "NODES", "GPUS");
    List<String> reasons = new ArrayList<>();
    for (JsonNode t : targets) {
      JsonNode cluster = t.path("cluster");
      List<String> envs = new ArrayList<>();
      t.path("environments").forEach(e -> envs.add(e.asText()));
      List<String> gpus = new ArrayList<>();
      cluster
          .path("gpus")
          .properties()
          .forEach(g -> gpus.add(g.getValue().asInt() + "×" + g.getKey()));
      out.printf(
          "%-16s %-8s %-16s %-24s %-13s %-9s %5s  %s%n",
          t.path("name").asText(),
          t.path("cloud").asText(),
          envs.isEmpty() ? "-" : String.join(",", envs),
          cluster.path("connection").asText(cluster.path("names").asText()),
          cluster.path("state").asText(),
          cluster.path("kubernetesVersion").asText("-"),
          cluster.has("nodes") ? cluster.path("nodes").asText() : "-",
          gpus.isEmpty() ? "-" : String.join(", ", gpus));
      String state = cluster.path("state").asText();
      if (state.equals("misconfigured") || state.equals("unreachable")) {
        reasons.add(
            "    "
                + t.path("name").asText()
                + ": "
                + cluster.path("detail").asText()
                + (cluster.has("hint") ? " (fix: " + cluster.path("hint").asText() + ")" : ""));
      }
    }
    reasons.forEach(out::println);
    out.flush();
    return worstOf(targets);
  }

  private static int worstOf(JsonNode targets) {
    for (JsonNode t : targets) {
      String state = t.path("cluster").path("state").asText();
      if (state.equals("misconfigured") || state.equals("unreachable")) {
        return 1;
      }
    }
    return 0;
  }
}
