package dev.paved.bench;

import dev.paved.cluster.doctor.Code;
import dev.paved.cluster.doctor.DoctorWatch;
import dev.paved.cluster.doctor.Finding;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.cluster.sandbox.SandboxLabels;
import dev.paved.cluster.sandbox.SimulatedPods;
import dev.paved.cluster.sandbox.Simulation;
import dev.paved.core.render.Labels;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * How soon the live doctor names a failure, beside how soon {@code kubectl get pods -w} shows the
 * pod in its failing state, in one run against a fresh sandbox: for each failure the sandbox can
 * produce, {@code --rounds} pods are created one after another; the table gives the seconds from
 * creation to each, and the doctor's lag behind kubectl (median and worst).
 */
final class DoctorBenchmark {

  /** A failure: how to make the pod, what kubectl's STATUS column shows, what the doctor says. */
  private record Failure(
      String name,
      java.util.function.Function<String, Pod> pod,
      Predicate<String> shown,
      Code code) {}

  private static final String NAMESPACE = "bench-doctor";

  private DoctorBenchmark() {}

  static void main(String[] args) throws Exception {
    int rounds = RenderBenchmark.intOption(args, "--rounds", 3);
    Optional<Path> json = RenderBenchmark.option(args, "--json").map(Path::of);
    Optional<Path> kubectl = Kustomize.findKubectl();
    if (kubectl.isEmpty()) {
      System.err.println("bench: no kubectl in the sandbox's binaries: run sandbox/build.sh");
      System.exit(3);
    }
    Path data = Files.createTempDirectory("paved-doctor-bench");
    Sandbox sandbox = new Sandbox(SandboxConfig.defaults().withDataDir(data.resolve("sandbox")));
    ScaleBenchmark.progress("starting a sandbox in " + data);
    sandbox.up();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("rounds", rounds);
    try (KubernetesClient admin = sandbox.client()) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
      ScaleBenchmark.await(
          () -> admin.serviceAccounts().inNamespace(NAMESPACE).withName("default").get() != null,
          Duration.ofSeconds(60));
      r.put("failures", measure(admin, kubectl.get(), sandbox.kubeconfig(), rounds));
    } finally {
      sandbox.down();
    }
    ScaleBenchmark.finish(r, DoctorBenchmark::print, json, true, "");
  }

  private static List<Map<String, Object>> measure(
      KubernetesClient admin, Path kubectl, Path kubeconfig, int rounds) throws Exception {
    Map<String, Long> doctorSaw = new ConcurrentHashMap<>();
    Map<String, Code> wanted = new ConcurrentHashMap<>();
    Map<String, Long> kubectlSaw = new ConcurrentHashMap<>();
    Map<String, Predicate<String>> shows = new ConcurrentHashMap<>();
    Process watch =
        new ProcessBuilder(
                kubectl.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "get",
                "pods",
                "-n",
                NAMESPACE,
                "-w",
                "--no-headers")
            .redirectErrorStream(true)
            .start();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                      long now = System.nanoTime();
                      String[] columns = line.trim().split("\\s+");
                      String pod = columns[0];
                      String status = String.join(" ", List.of(columns).subList(1, columns.length));
                      Predicate<String> shown = shows.get(pod);
                      if (shown != null && shown.test(status)) {
                        kubectlSaw.putIfAbsent(pod, now);
                      }
                    }
                  } catch (java.io.IOException e) {
                    // the watch ended with the run
                  }
                });
    List<Map<String, Object>> rows = new ArrayList<>();
    try (DoctorWatch doctor =
        DoctorWatch.start(
            admin,
            NAMESPACE,
            Clock.systemUTC(),
            update ->
                Optional.ofNullable(wanted.get(update.app()))
                    .filter(
                        code ->
                            update.diagnosis().findings().stream()
                                .map(Finding::code)
                                .anyMatch(code::equals))
                    .ifPresent(code -> doctorSaw.putIfAbsent(update.app(), System.nanoTime())))) {
      doctor.awaitFirstPass(Duration.ofMinutes(1));
      for (Failure failure : failures()) {
        List<Double> kubectlSeconds = new ArrayList<>();
        List<Double> doctorSeconds = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          String name = failure.name() + "-" + round;
          wanted.put(name, failure.code());
          shows.put(name, failure.shown());
          long created = System.nanoTime();
          admin.pods().inNamespace(NAMESPACE).resource(failure.pod().apply(name)).create();
          ScaleBenchmark.await(
              () -> doctorSaw.containsKey(name) && kubectlSaw.containsKey(name),
              Duration.ofMinutes(3));
          kubectlSeconds.add((kubectlSaw.get(name) - created) / 1e9);
          doctorSeconds.add((doctorSaw.get(name) - created) / 1e9);
          ScaleBenchmark.progress(
              String.format(
                  "%s: kubectl %.2f s, doctor %.2f s",
                  name, kubectlSeconds.getLast(), doctorSeconds.getLast()));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("failure", failure.name());
        row.put("code", failure.code().name());
        row.put("kubectlSeconds", kubectlSeconds);
        row.put("doctorSeconds", doctorSeconds);
        List<Double> lag = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          lag.add(doctorSeconds.get(i) - kubectlSeconds.get(i));
        }
        row.put("lagMedianSeconds", median(lag));
        row.put("lagMaxSeconds", lag.stream().mapToDouble(d -> d).max().orElse(0));
        rows.add(row);
      }
    } finally {
      watch.destroy();
      reader.join(Duration.ofSeconds(5));
    }
    return rows;
  }

  private static List<Failure> failures() {
    return List.of(
        new Failure(
            "image-not-found",
            n -> failing(n, Simulation.IMAGE_NOT_FOUND, "ghcr.io/acme/chat:does-not-exist"),
            s -> s.contains("ErrImagePull") || s.contains("ImagePullBackOff"),
            Code.IMAGE_NOT_FOUND),
        new Failure(
            "crash-loop",
            n -> failing(n, Simulation.CRASH_LOOP, "ghcr.io/acme/chat:1.0"),
            s -> s.contains("CrashLoopBackOff") || s.contains("Error"),
            Code.CRASH_LOOP),
        new Failure(
            "oom",
            n -> withMemory(failing(n, Simulation.OOM, "ghcr.io/acme/chat:1.0"), "4Gi"),
            s -> s.contains("OOMKilled") || s.contains("CrashLoopBackOff"),
            Code.OOM_KILLED),
        new Failure(
            "never-ready",
            n -> failing(n, Simulation.NEVER_READY, "ghcr.io/acme/chat:1.0"),
            s -> s.startsWith("0/1") && s.contains("Running"),
            Code.READINESS_FAILING),
        new Failure(
            "too-many-gpus",
            DoctorBenchmark::greedy,
            s -> s.contains("Pending"),
            Code.INSUFFICIENT_GPU));
  }

  /** A pod the sandbox makes fail, labelled as the app of its own name (the doctor's unit). */
  private static Pod failing(String name, Simulation simulation, String image) {
    Pod pod = SimulatedPods.failing(name, simulation, image);
    pod.getMetadata().setLabels(Map.of(Labels.APP, name));
    return pod;
  }

  private static Pod withMemory(Pod pod, String memory) {
    pod.getSpec()
        .getContainers()
        .getFirst()
        .setResources(
            new ResourceRequirementsBuilder()
                .withLimits(Map.of("memory", new Quantity(memory)))
                .build());
    return pod;
  }

  private static Pod greedy(String name) {
    Pod pod = failing(name, Simulation.CRASH_LOOP, "vllm/vllm-openai:v0.11.0");
    pod.getMetadata().setAnnotations(Map.of());
    pod.getSpec().setNodeSelector(Map.of(SandboxLabels.GPU_PRODUCT, "NVIDIA-H100-80GB-HBM3"));
    pod.getSpec()
        .setTolerations(
            List.of(
                new TolerationBuilder()
                    .withKey(SandboxLabels.GPU_RESOURCE)
                    .withOperator("Exists")
                    .withEffect("NoSchedule")
                    .build()));
    pod.getSpec()
        .getContainers()
        .getFirst()
        .setResources(
            new ResourceRequirementsBuilder()
                .withLimits(Map.of(SandboxLabels.GPU_RESOURCE, new Quantity("16")))
                .build());
    return pod;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  @SuppressWarnings("unchecked")
  private static void print(Map<String, Object> r) {
    System.out.printf(
        "%-16s %-22s %-22s %-22s %s%n",
        "failure", "kubectl shows it (s)", "doctor names it (s)", "doctor after kubectl", "code");
    for (Map<String, Object> row : (List<Map<String, Object>>) r.get("failures")) {
      System.out.printf(
          "%-16s %-22s %-22s %-22s %s%n",
          row.get("failure"),
          seconds((List<Double>) row.get("kubectlSeconds")),
          seconds((List<Double>) row.get("doctorSeconds")),
          String.format(
              "median %.2f, max %.2f",
              (Double) row.get("lagMedianSeconds"), (Double) row.get("lagMaxSeconds")),
          row.get("code"));
    }
    System.out.printf(
        "rounds: %s per failure; %s, %s cpus%n", r.get("rounds"), r.get("java"), r.get("cpus"));
  }

  private static String seconds(List<Double> values) {
    return String.join(" ", values.stream().map(v -> String.format("%.2f", v)).toList());
  }
}
