package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;
import static dev.paved.core.policy.Severity.WARN;

import dev.paved.core.policy.Manifest.Container;
import dev.paved.core.policy.Manifest.Workload;
import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.rendered.Tree;
import dev.paved.core.text.SecretDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Service accounts and secrets, images, resources and probes: SA-*, IMG-*, RES-*, PRB-*. */
final class WorkloadRules {

  private static final Pattern PINNED =
      Pattern.compile("[^\\s@]+(:[\\w][\\w.-]*|@sha256:[0-9a-f]{64})");
  static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(token|secret|password|passwd|api_?key|private_?key|credential).*");

  private WorkloadRules() {}

  static List<Rule> all() {
    return List.of(
        SimpleRule.of(
            "SA-01",
            WARN,
            "no service-account token unless needed",
            "set automountServiceAccountToken: false on the pod (and its ServiceAccount)",
            m ->
                m.workloads().stream()
                    .filter(
                        w -> !Boolean.FALSE.equals(w.podSpec().get("automountServiceAccountToken")))
                    .map(w -> new Violation(w.ref(), "the pod mounts a service-account token"))
                    .toList()),
        SimpleRule.of(
            "SA-02",
            WARN,
            "a dedicated ServiceAccount from the rendered set",
            "render a ServiceAccount for the app and set serviceAccountName to it",
            WorkloadRules::serviceAccount),
        SimpleRule.of(
            "SA-03",
            BLOCK,
            "no secret values in env literals or ConfigMaps",
            "move the value into a Secret and reference it with secretKeyRef",
            WorkloadRules::secretLiterals),
        SimpleRule.of(
            "IMG-01",
            BLOCK,
            "pinned images",
            "pin the image to a version tag (not latest) or, better, a digest",
            m ->
                m.containers().stream()
                    .filter(c -> !pinned(Tree.string(c.body(), "image").orElse("")))
                    .map(
                        c ->
                            new Violation(
                                c.workload().ref(),
                                c.where()
                                    + " uses the unpinned image '"
                                    + Tree.string(c.body(), "image").orElse("")
                                    + "'"))
                    .toList()),
        SimpleRule.of(
            "IMG-02",
            WARN,
            "explicit imagePullPolicy",
            "set imagePullPolicy (IfNotPresent for pinned images)",
            m ->
                m.containers().stream()
                    .filter(c -> !c.body().containsKey("imagePullPolicy"))
                    .map(
                        c ->
                            new Violation(
                                c.workload().ref(), c.where() + " has no imagePullPolicy"))
                    .toList()),
        SimpleRule.of(
            "RES-01",
            BLOCK,
            "CPU and memory requests",
            "set resources.requests.cpu and resources.requests.memory",
            m ->
                m.containers().stream()
                    .filter(
                        c ->
                            !Tree.map(c.body(), "resources", "requests")
                                .keySet()
                                .containsAll(List.of("cpu", "memory")))
                    .map(
                        c ->
                            new Violation(
                                c.workload().ref(), c.where() + " lacks a CPU or memory request"))
                    .toList()),
        SimpleRule.of(
            "RES-02",
            WARN,
            "a memory limit",
            "set resources.limits.memory",
            m ->
                m.containers().stream()
                    .filter(c -> !Tree.map(c.body(), "resources", "limits").containsKey("memory"))
                    .map(c -> new Violation(c.workload().ref(), c.where() + " has no memory limit"))
                    .toList()),
        SimpleRule.of(
            "RES-03",
            WARN,
            "ephemeral-storage for emptyDir writers",
            "set requests and limits of ephemeral-storage when the pod uses disk-backed emptyDir volumes",
            WorkloadRules::ephemeralStorage),
        SimpleRule.of(
            "PRB-01",
            WARN,
            "readiness probe on serving containers",
            "add a readinessProbe on the serving port",
            m ->
                serving(m).stream()
                    .filter(c -> !c.body().containsKey("readinessProbe"))
                    .map(
                        c ->
                            new Violation(
                                c.workload().ref(), c.where() + " has no readiness probe"))
                    .toList()),
        SimpleRule.of(
            "PRB-02",
            WARN,
            "a liveness probe that differs from readiness",
            "add a livenessProbe with a longer period or a higher threshold than the readiness probe",
            m ->
                serving(m).stream()
                    .filter(
                        c ->
                            !c.body().containsKey("livenessProbe")
                                || c.body()
                                    .get("livenessProbe")
                                    .equals(c.body().get("readinessProbe")))
                    .map(
                        c ->
                            new Violation(
                                c.workload().ref(),
                                c.where()
                                    + " has no liveness probe, or one identical to readiness"))
                    .toList()),
        SimpleRule.of(
            "PRB-03",
            BLOCK,
            "probes point at declared ports",
            "point the probe at a port the container declares (by number or name)",
            WorkloadRules::probePorts),
        SimpleRule.of(
            "PRB-04",
            BLOCK,
            "a startup probe for slow model loads",
            "add a startupProbe whose failureThreshold × periodSeconds covers the worst-case model load (≥ 10 minutes)",
            WorkloadRules::startupProbe));
  }

  static boolean pinned(String image) {
    return PINNED.matcher(image).matches() && !image.endsWith(":latest");
  }

  private static List<Violation> serviceAccount(Manifest m) {
    List<String> accounts = m.ofKind("ServiceAccount").stream().map(o -> o.name()).toList();
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      String name = Tree.string(w.podSpec(), "serviceAccountName").orElse("default");
      if (w.podSpec().containsKey("serviceAccount") || !accounts.contains(name)) {
        violations.add(
            new Violation(
                w.ref(),
                "the pod runs as ServiceAccount '" + name + "', which the app does not render"));
      }
    }
    return violations;
  }

  private static List<Violation> secretLiterals(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Container c : m.containers()) {
      for (Map<String, Object> env : Tree.maps(c.body(), "env")) {
        String name = Tree.string(env, "name").orElse("");
        Optional<String> value = Tree.string(env, "value");
        if (value.isPresent()
            && (SECRET_NAME.matcher(name).matches() && !value.get().isEmpty()
                || SecretDetector.looksLikeSecret(value.get()).isPresent())) {
          violations.add(
              new Violation(
                  c.workload().ref(), c.where() + " sets " + name + " to a literal value"));
        }
      }
    }
    for (var config : m.ofKind("ConfigMap")) {
      Tree.stringMap(config.body(), "data")
          .forEach(
              (key, value) -> {
                if (SecretDetector.looksLikeSecret(value).isPresent()) {
                  violations.add(
                      new Violation(
                          config.ref(), "key " + key + " holds what looks like a secret"));
                }
              });
    }
    return violations;
  }

  private static List<Violation> ephemeralStorage(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      boolean diskEmptyDir =
          Tree.maps(w.podSpec(), "volumes").stream()
              .anyMatch(
                  v ->
                      v.containsKey("emptyDir")
                          && !"Memory".equals(Tree.map(v, "emptyDir").get("medium")));
      if (!diskEmptyDir) {
        continue;
      }
      m.containers(w).stream()
          .filter(
              c ->
                  !Tree.map(c.body(), "resources", "requests").containsKey("ephemeral-storage")
                      || !Tree.map(c.body(), "resources", "limits")
                          .containsKey("ephemeral-storage"))
          .forEach(
              c ->
                  violations.add(
                      new Violation(
                          w.ref(),
                          c.where()
                              + " writes to emptyDir without an ephemeral-storage request and limit")));
    }
    return violations;
  }

  /** Containers of long-running workloads that declare a port. */
  static List<Container> serving(Manifest m) {
    return m.containers().stream()
        .filter(
            c -> List.of("Deployment", "StatefulSet", "DaemonSet").contains(c.workload().kind()))
        .filter(c -> Tree.maps(c.workload().podSpec(), "containers").contains(c.body()))
        .filter(c -> !Tree.maps(c.body(), "ports").isEmpty())
        .toList();
  }

  private static List<Violation> probePorts(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Container c : m.containers()) {
      List<String> declared = new ArrayList<>();
      Tree.maps(c.body(), "ports")
          .forEach(
              p -> {
                Tree.string(p, "name").ifPresent(declared::add);
                Tree.string(p, "containerPort").ifPresent(declared::add);
              });
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        Map<String, Object> body = Tree.map(c.body(), probe);
        Optional<String> port =
            Tree.string(Tree.map(body, "httpGet"), "port")
                .or(() -> Tree.string(Tree.map(body, "tcpSocket"), "port"));
        if (port.isPresent() && !declared.contains(port.get())) {
          violations.add(
              new Violation(
                  c.workload().ref(),
                  c.where()
                      + "'s "
                      + probe
                      + " uses port "
                      + port.get()
                      + ", which the container does not declare"));
        }
      }
    }
    return violations;
  }

  private static List<Violation> startupProbe(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      if (!m.isModelServer(w)) {
        continue;
      }
      for (Map<String, Object> c : Tree.maps(w.podSpec(), "containers")) {
        Map<String, Object> probe = Tree.map(c, "startupProbe");
        long budget =
            Tree.number(probe, "failureThreshold").orElse(3L)
                * Tree.number(probe, "periodSeconds").orElse(10L);
        if (probe.isEmpty() || budget < 600) {
          violations.add(
              new Violation(
                  w.ref(),
                  "container '"
                      + Tree.string(c, "name").orElse("?")
                      + "' serves a model but its startup budget is "
                      + (probe.isEmpty() ? "missing" : budget + " s")));
        }
      }
    }
    return violations;
  }
}
