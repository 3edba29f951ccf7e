package dev.paved.cli;

import dev.paved.cluster.sandbox.CloudProfile;
import dev.paved.cluster.sandbox.ComponentStatus;
import dev.paved.cluster.sandbox.DownResult;
import dev.paved.cluster.sandbox.NodePlan;
import dev.paved.cluster.sandbox.NodePool;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.cluster.sandbox.SandboxLayout;
import dev.paved.cluster.sandbox.SandboxStatus;
import dev.paved.cluster.sandbox.UpResult;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.UsageException;
import dev.paved.core.render.ManifestWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code paved sandbox}: the local Kubernetes control plane with simulated GPU nodes (etcd,
 * kube-apiserver, kube-controller-manager, kube-scheduler and KWOK as local processes).
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run a local Kubernetes control plane with simulated GPU nodes, without Docker.",
      "",
      "Real etcd, kube-apiserver, kube-controller-manager and kube-scheduler",
      "run as local processes on 127.0.0.1. KWOK simulates the nodes (2 CPU,",
      "2x L4 with 4 GPUs, 1x A100-80GB and 1x H100 with 8 GPUs) and their pods.",
      "A pod annotated sandbox.paved.dev/simulate=VALUE fails like a real",
      "kubelet reports it; VALUE is image-not-found, crash-loop, oom,",
      "never-ready, gpu-oom or missing-secret. Binaries come from sandbox/build.sh."
    },
    subcommands = {
      SandboxCommand.Up.class,
      SandboxCommand.Down.class,
      SandboxCommand.Status.class,
      SandboxCommand.Kubeconfig.class,
      SandboxCommand.ListSandboxes.class
    },
    footer = {
      "",
      "Data (certificates, etcd, logs, kubeconfig) stays in the data",
      "directory, default ~/.paved/sandbox, across down and up.",
      "Logs: <data-dir>/logs/<component>.log.",
      "",
      "Several sandboxes run side by side, one per name:",
      "  paved sandbox up --name prod --profile eks",
      "  kubectl --kubeconfig \"$(paved sandbox kubeconfig --name prod)\" get nodes",
      "  paved sandbox list"
    })
final class SandboxCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options every subcommand has: which sandbox. */
  static final class DataDirOption {
    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = {
          "Which sandbox: another independent control plane with its own data directory",
          "(~/.paved/sandboxes/NAME), ports and kubeconfig context paved-NAME.",
          "Default: sandbox (~/.paved/sandbox, context paved-sandbox)."
        })
    String name;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Sandbox data directory. Default: ~/.paved/sandbox, or the named one's.")
    Path dataDir;

    SandboxConfig config() {
      SandboxConfig config =
          name == null ? SandboxConfig.defaults() : SandboxConfig.defaults().named(name);
      return dataDir == null ? config : config.withDataDir(dataDir);
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Start the sandbox (or reuse a running one); print the kubeconfig path.",
        "",
        "The path goes to standard output, progress to standard error, so",
        "  export KUBECONFIG=$(paved sandbox up)",
        "works. Idempotent: a second up reuses the running sandbox; one with",
        "a dead component is restarted. On failure the message names the step",
        "and its log file, and everything this up started is stopped.",
        "Node options apply when the sandbox starts: to change the nodes of a",
        "running sandbox, run down first (nodes already in etcd are kept)."
      })
  static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;

    @Option(
        names = "--cpu-nodes",
        paramLabel = "N",
        defaultValue = "2",
        description = "CPU nodes (16 CPU, 64Gi). Default: ${DEFAULT-VALUE}.")
    int cpuNodes;

    @Option(
        names = "--l4-nodes",
        paramLabel = "N",
        defaultValue = "2",
        description = "NVIDIA L4 nodes with 4 GPUs each. Default: ${DEFAULT-VALUE}.")
    int l4Nodes;

    @Option(
        names = "--a100-nodes",
        paramLabel = "N",
        defaultValue = "1",
        description = "NVIDIA A100-SXM4-80GB nodes with 8 GPUs each. Default: ${DEFAULT-VALUE}.")
    int a100Nodes;

    @Option(
        names = "--h100-nodes",
        paramLabel = "N",
        defaultValue = "1",
        description = "NVIDIA H100-80GB-HBM3 nodes with 8 GPUs each. Default: ${DEFAULT-VALUE}.")
    int h100Nodes;

    @Option(
        names = "--profile",
        paramLabel = "CLOUD",
        defaultValue = "none",
        description =
            "Label the nodes like this cloud: none, gke, eks or aks. "
                + "Default: ${DEFAULT-VALUE}.")
    String profile;

    @Override
    public Integer call() {
      NodePlan plan = nodePlan();
      PrintWriter err = spec.commandLine().getErr();
      err.println("sandbox: starting (data in " + data.config().layout().dataDir() + ") ...");
      err.flush();
      UpResult result = new Sandbox(data.config().withNodes(plan)).up();
      switch (result) {
        case UpResult.Started started ->
            err.printf(
                Locale.ROOT, "sandbox: ready in %.1f s%n", started.took().toMillis() / 1000.0);
        case UpResult.Reused reused -> err.println("sandbox: already running; reusing it");
      }
      err.flush();
      PrintWriter out = spec.commandLine().getOut();
      out.println(result.kubeconfig());
      out.flush();
      return 0;
    }

    private NodePlan nodePlan() {
      try {
        return new NodePlan(
            Map.of(
                NodePool.CPU, cpuNodes,
                NodePool.L4, l4Nodes,
                NodePool.A100_80GB, a100Nodes,
                NodePool.H100_80GB, h100Nodes),
            cloudProfile(profile));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage(), "node counts are 0 to 100");
      }
    }

    private static CloudProfile cloudProfile(String name) {
      try {
        return CloudProfile.valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException("unknown --profile '" + name + "'", "use none, gke, eks or aks");
      }
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = {
        "Stop every sandbox process and its children; data stays for the next",
        "up. Idempotent: with nothing running it says so and exits 0."
      })
  static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      switch (new Sandbox(data.config()).down()) {
        case DownResult.Stopped stopped ->
            err.printf(
                Locale.ROOT,
                "sandbox: stopped %d processes in %.1f s%n",
                stopped.stopped().size(),
                stopped.took().toMillis() / 1000.0);
        case DownResult.NothingRunning nothing -> err.println("sandbox: nothing running");
      }
      err.flush();
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Show each component: up, down (killed, crashed or unhealthy) or",
        "stopped. Exit code 0 when every component is up, 3 otherwise."
      })
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "text or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    public Integer call() {
      Sandbox sandbox = new Sandbox(data.config());
      SandboxStatus status = sandbox.status();
      String events = sandbox.kubeletEventsRunning() ? "up" : "down";
      PrintWriter out = spec.commandLine().getOut();
      if (output == OutputFormat.json) {
        Map<String, Object> json = json(status);
        json.put("kubeletEvents", events);
        out.print(ManifestWriter.json(json));
      } else {
        out.println("sandbox: " + status.summary() + " (" + status.dataDir() + ")");
        out.printf("%-24s %-8s %-8s %s%n", "COMPONENT", "STATE", "PID", "DETAIL");
        for (ComponentStatus c : status.components()) {
          out.printf(
              "%-24s %-8s %-8s %s%n",
              c.component().binaryName(),
              c.state().name().toLowerCase(Locale.ROOT),
              c.pid().isPresent() ? String.valueOf(c.pid().getAsLong()) : "-",
              c.detail());
        }
        out.printf(
            "%-24s %-8s %-8s %s%n",
            "kubelet-events", events, "-", "kubelet-style events for simulated failures");
      }
      out.flush();
      return status.running() ? 0 : 3;
    }

    private static Map<String, Object> json(SandboxStatus status) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("status", status.summary());
      root.put("dataDir", status.dataDir().toString());
      root.put("kubeconfig", status.kubeconfig().toString());
      root.put(
          "components",
          status.components().stream()
              .map(
                  c -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("name", c.component().binaryName());
                    item.put("state", c.state().name().toLowerCase(Locale.ROOT));
                    if (c.pid().isPresent()) {
                      item.put("pid", c.pid().getAsLong());
                    }
                    item.put("detail", c.detail());
                    return item;
                  })
              .toList());
      return root;
    }
  }

  @Command(
      name = "kubeconfig",
      mixinStandardHelpOptions = true,
      description = {
        "Print the sandbox kubeconfig's path (context paved-sandbox, or paved-NAME):",
        "  kubectl --kubeconfig \"$(paved sandbox kubeconfig)\" get nodes"
      })
  static final class Kubeconfig implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;

    @Option(names = "--show", description = "Print the file's content instead of its path.")
    boolean show;

    @Override
    public Integer call() throws java.io.IOException {
      Path kubeconfig = new Sandbox(data.config()).kubeconfig();
      if (!Files.exists(kubeconfig)) {
        throw new EnvironmentException(
            "no sandbox kubeconfig at " + kubeconfig, "run `paved sandbox up` first", false, null);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(show ? Files.readString(kubeconfig).stripTrailing() : kubeconfig.toString());
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "List the sandboxes on this machine (the default one and every named one):",
        "name, state, kubeconfig context and data directory."
      })
  static final class ListSandboxes implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        defaultValue = "text",
        description = "text or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    public Integer call() throws java.io.IOException {
      java.util.List<SandboxLayout> layouts = new java.util.ArrayList<>();
      layouts.add(SandboxLayout.defaultLayout());
      Path root = SandboxLayout.namedRoot();
      if (Files.isDirectory(root)) {
        try (var dirs = Files.list(root)) {
          dirs.filter(Files::isDirectory)
              .map(d -> d.getFileName().toString())
              .sorted()
              .forEach(n -> layouts.add(SandboxLayout.named(n)));
        }
      }
      java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
      for (SandboxLayout layout : layouts) {
        if (!Files.isDirectory(layout.dataDir())) {
          continue;
        }
        SandboxStatus status = new Sandbox(SandboxConfig.defaults().named(layout.name())).status();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", layout.name());
        row.put("status", status.summary());
        row.put("context", layout.context());
        row.put("dataDir", layout.dataDir().toString());
        rows.add(row);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output == OutputFormat.json) {
        out.print(ManifestWriter.json(Map.of("sandboxes", rows)));
      } else if (rows.isEmpty()) {
        out.println("no sandboxes yet: paved sandbox up [--name NAME]");
      } else {
        out.printf("%-16s %-10s %-24s %s%n", "NAME", "STATUS", "CONTEXT", "DATA");
        rows.forEach(
            r ->
                out.printf(
                    "%-16s %-10s %-24s %s%n",
                    r.get("name"), r.get("status"), r.get("context"), r.get("dataDir")));
      }
      out.flush();
      return 0;
    }
  }
}
