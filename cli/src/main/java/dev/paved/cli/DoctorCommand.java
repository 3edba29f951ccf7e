package dev.paved.cli;

import dev.paved.cli.client.ApiClient;
import dev.paved.cli.client.Credentials;
import dev.paved.cli.client.ServerApps;
import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.cluster.doctor.Doctor;
import dev.paved.cluster.doctor.DoctorWatch;
import dev.paved.cluster.doctor.Finding;
import dev.paved.cluster.doctor.SnapshotCollector;
import dev.paved.cluster.doctor.SnapshotReader;
import dev.paved.cluster.doctor.SnapshotWriter;
import dev.paved.core.error.NotFoundException;
import dev.paved.core.error.UsageException;
import dev.paved.core.render.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code paved doctor}: what is wrong with an app, the evidence, and the fix. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Say what is wrong with an app, show the evidence, and give the fix.",
      "",
      "Live: 'paved doctor APP' reads the app's namespaces (objects labelled",
      "paved.dev/app=APP) from the cluster of the kubeconfig, with the logs of",
      "failing containers. Offline: 'paved doctor --snapshot DIR' reads a snapshot",
      "written by 'paved doctor collect' (objects.json, snapshot.json and",
      "logs/NS/POD/CONTAINER[.previous].log).",
      "Exit 1 when an error finding exists; warnings and info do not fail."
    },
    subcommands = {DoctorCommand.Collect.class},
    footer = {
      "",
      "Examples:",
      "  paved doctor chat --env prod",
      "  paved doctor chat --watch",
      "  paved doctor --snapshot ./incident-42 -o json",
      "  paved doctor collect -n search-prod -o ./incident-42",
      "",
      "Codes, severities and the JSON format: docs/doctor.md."
    })
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "APP",
      description = "The app to diagnose. With --snapshot, optional: limits the findings to it.")
  String app;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description = "Only the app's objects in this environment (label paved.dev/env).")
  String env;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Only this namespace. Default: every namespace holding the app.")
  String namespace;

  @Option(
      names = "--snapshot",
      paramLabel = "DIR",
      description = "Diagnose a snapshot directory instead of a live cluster.")
  Path snapshot;

  @Option(
      names = "--watch",
      description =
          "Keep watching and print the findings each time they change (live only; Ctrl-C stops).")
  boolean watch;

  @Mixin KubeOptions kube;

  @Mixin ReportFormat format;

  @Override
  public Integer call() throws InterruptedException {
    format.requireTextOrJson("doctor");
    if (snapshot != null) {
      if (watch) {
        throw new UsageException(
            "--watch needs a live cluster", "drop --snapshot, or drop --watch");
      }
      Diagnosis diagnosis = Doctor.diagnose(SnapshotReader.read(snapshot));
      return print(app == null ? diagnosis : diagnosis.forApp(app));
    }
    if (app == null) {
      throw new UsageException(
          "which app? 'paved doctor' needs an APP, or --snapshot DIR",
          "run 'paved doctor APP' (the paved.yaml 'app' name), or 'paved doctor --help'");
    }
    if (kube.kubeconfig == null && kube.context == null) {
      Optional<Credentials.Login> login = loggedIn();
      if (login.isPresent()) {
        return throughServer(ApiClient.of(login.get()));
      }
    }
    try (KubernetesClient client = kube.client()) {
      List<String> namespaces = namespaces(client);
      return watch ? watch(client, namespaces) : print(diagnose(client, namespaces));
    } catch (KubernetesClientException e) {
      throw kube.unreachable(e);
    }
  }

  static Optional<Credentials.Login> loggedIn() {
    try {
      return Optional.of(Credentials.standard().current());
    } catch (dev.paved.core.error.NotAuthenticatedException e) {
      return Optional.empty();
    }
  }

  /** Asks the server: the app is found by name (or TEAM/APP) among the apps you may see. */
  private int throughServer(ApiClient client) {
    String path = ServerApps.path(client, app) + "/findings?env=" + (env == null ? "dev" : env);
    return print(Diagnosis.fromJson(client.get(path).toString()));
  }

  private List<String> namespaces(KubernetesClient client) {
    TreeSet<String> found = new TreeSet<>();
    found.addAll(namespacesOf(client.apps().deployments()));
    found.addAll(namespacesOf(client.apps().statefulSets()));
    found.addAll(namespacesOf(client.batch().v1().jobs()));
    found.addAll(namespacesOf(client.pods()));
    if (found.isEmpty()) {
      throw new NotFoundException(
          "no objects of app "
              + app
              + (env == null ? "" : " in env " + env)
              + " in the cluster"
              + (namespace == null ? "" : " (namespace " + namespace + ")"),
          "check the name with 'kubectl get deploy,statefulset,job -A -l "
              + Labels.APP
              + "' (context "
              + Optional.ofNullable(client.getConfiguration().getCurrentContext())
                  .map(c -> c.getName())
                  .orElse("?")
              + "), or deploy the app first");
    }
    return List.copyOf(found);
  }

  /** The namespaces holding objects of this kind labelled with the app (and env). */
  private <T extends HasMetadata> List<String> namespacesOf(
      MixedOperation<T, ? extends KubernetesResourceList<T>, ?> objects) {
    var scope = namespace == null ? objects.inAnyNamespace() : objects.inNamespace(namespace);
    return scope.withLabels(labels()).list().getItems().stream()
        .map(o -> o.getMetadata().getNamespace())
        .toList();
  }

  private java.util.Map<String, String> labels() {
    java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
    labels.put(Labels.APP, app);
    if (env != null) {
      labels.put(Labels.ENV, env);
    }
    return labels;
  }

  private Diagnosis diagnose(KubernetesClient client, List<String> namespaces) {
    SnapshotCollector collector = new SnapshotCollector(client, Clock.systemUTC());
    List<Finding> findings = new ArrayList<>();
    Diagnosis last = null;
    for (String ns : namespaces) {
      var collected = collector.collect(ns);
      collected.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
      last = Doctor.diagnose(collected.snapshot()).forApp(app);
      findings.addAll(last.findings());
    }
    return new Diagnosis(findings, last.at());
  }

  private int watch(KubernetesClient client, List<String> namespaces) throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    err.println("watching " + app + " in " + String.join(", ", namespaces) + "; Ctrl-C stops");
    List<DoctorWatch> watches = new ArrayList<>();
    CountDownLatch forever = new CountDownLatch(1);
    try {
      for (String ns : namespaces) {
        watches.add(
            DoctorWatch.start(
                client,
                ns,
                Clock.systemUTC(),
                update -> {
                  if (update.app().equals(app)) {
                    synchronized (this) {
                      print(update.diagnosis());
                    }
                  }
                }));
      }
      forever.await();
      return 0;
    } finally {
      watches.forEach(DoctorWatch::close);
    }
  }

  private int print(Diagnosis diagnosis) {
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.println(diagnosis.toJson());
    } else {
      out.print(DoctorText.render(diagnosis));
    }
    out.flush();
    return diagnosis.hasErrors() ? 1 : 0;
  }

  /** {@code paved doctor collect}: write a snapshot of a namespace for offline diagnosis. */
  @Command(
      name = "collect",
      mixinStandardHelpOptions = true,
      description = {
        "Write a snapshot of one namespace for offline diagnosis or a bug report.",
        "",
        "objects.json holds pods, events, deployments, replicasets, statefulsets,",
        "daemonsets, jobs, services, endpoints, PVCs, resource quotas, HPAs and all",
        "nodes; snapshot.json the capture time and Kubernetes version; logs/ the",
        "last 300 lines, current and previous, of containers that are not well.",
        "Secrets are never read. The directory must be new or empty; it appears",
        "whole or not at all."
      })
  static final class Collect implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = {"-n", "--namespace"},
        required = true,
        paramLabel = "NS",
        description = "The namespace to capture.")
    String namespace;

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "DIR",
        description = "The snapshot directory to write (new or empty).")
    Path output;

    @Mixin KubeOptions kube;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try (KubernetesClient client = kube.client()) {
        err.println("collecting namespace " + namespace + " from " + client.getMasterUrl() + " …");
        var collected = new SnapshotCollector(client, Clock.systemUTC()).collect(namespace);
        collected.warnings().forEach(w -> err.println("warning: " + w));
        SnapshotWriter.write(collected.snapshot(), output);
        var snapshot = collected.snapshot();
        spec.commandLine()
            .getOut()
            .println(
                "wrote "
                    + snapshot.objects().size()
                    + " objects and "
                    + snapshot.logs().size()
                    + " logs to "
                    + output
                    + " (captured at "
                    + snapshot.now()
                    + ")");
        return 0;
      } catch (KubernetesClientException e) {
        throw kube.unreachable(e);
      }
    }
  }
}
