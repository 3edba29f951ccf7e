package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;
import static dev.paved.core.policy.Severity.WARN;

import dev.paved.core.policy.Manifest.Workload;
import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.rendered.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Network exposure: NET-01 … NET-04. */
final class NetworkRules {

  private NetworkRules() {}

  static List<Rule> all() {
    return List.of(
        SimpleRule.of(
            "NET-01",
            WARN,
            "every pod selected by a NetworkPolicy",
            "render a NetworkPolicy whose podSelector matches the app's pods (default deny plus the needed allows)",
            NetworkRules::coverage),
        SimpleRule.of(
            "NET-02",
            WARN,
            "no NodePort Services, no port 22",
            "use a ClusterIP Service behind an Ingress or Gateway; do not expose SSH",
            m ->
                m.ofKind("Service").stream()
                    .filter(
                        s ->
                            "NodePort"
                                    .equals(
                                        Tree.string(Tree.map(s.body(), "spec"), "type").orElse(""))
                                || Tree.maps(Tree.map(s.body(), "spec"), "ports").stream()
                                    .anyMatch(p -> Tree.number(p, "port").orElse(0L) == 22))
                    .map(s -> new Violation(s.ref(), "is a NodePort Service or exposes port 22"))
                    .toList()),
        SimpleRule.of(
            "NET-03",
            WARN,
            "TLS on every Ingress",
            "add spec.tls with the host and a certificate secret",
            m ->
                m.ofKind("Ingress").stream()
                    .filter(i -> Tree.maps(Tree.map(i.body(), "spec"), "tls").isEmpty())
                    .map(i -> new Violation(i.ref(), "serves plain HTTP"))
                    .toList()),
        SimpleRule.of(
            "NET-04",
            BLOCK,
            "Services select pods on existing ports; Ingresses point at Services",
            "fix the selector, targetPort or backend so they name rendered pods, ports and Services",
            NetworkRules::wiring));
  }

  private static List<Violation> coverage(Manifest m) {
    List<Map<String, String>> selectors =
        m.ofKind("NetworkPolicy").stream()
            .map(p -> Tree.stringMap(Tree.map(p.body(), "spec", "podSelector"), "matchLabels"))
            .toList();
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      if (selectors.stream().noneMatch(s -> Manifest.selects(s, Manifest.labels(w.template())))) {
        violations.add(new Violation(w.ref(), "its pods are not selected by any NetworkPolicy"));
      }
    }
    return violations;
  }

  private static List<Violation> wiring(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (RenderedObject service : m.ofKind("Service")) {
      Map<String, Object> spec = Tree.map(service.body(), "spec");
      Map<String, String> selector = Tree.stringMap(spec, "selector");
      List<Workload> backends =
          m.workloads().stream()
              .filter(
                  w ->
                      !selector.isEmpty()
                          && Manifest.selects(selector, Manifest.labels(w.template())))
              .toList();
      if (backends.isEmpty()) {
        violations.add(new Violation(service.ref(), "selects no rendered pods"));
        continue;
      }
      List<String> ports = new ArrayList<>();
      backends.forEach(
          w ->
              Tree.maps(w.podSpec(), "containers")
                  .forEach(
                      c ->
                          Tree.maps(c, "ports")
                              .forEach(
                                  p -> {
                                    Tree.string(p, "name").ifPresent(ports::add);
                                    Tree.string(p, "containerPort").ifPresent(ports::add);
                                  })));
      for (Map<String, Object> port : Tree.maps(spec, "ports")) {
        String target =
            Tree.string(port, "targetPort").or(() -> Tree.string(port, "port")).orElse("");
        if (!ports.contains(target)) {
          violations.add(
              new Violation(service.ref(), "targetPort " + target + " is not a port of its pods"));
        }
      }
    }
    List<String> services = m.ofKind("Service").stream().map(RenderedObject::name).toList();
    for (RenderedObject ingress : m.ofKind("Ingress")) {
      for (Map<String, Object> rule : Tree.maps(Tree.map(ingress.body(), "spec"), "rules")) {
        for (Map<String, Object> path : Tree.maps(Tree.map(rule, "http"), "paths")) {
          String backend = Tree.string(Tree.map(path, "backend", "service"), "name").orElse("");
          if (!services.contains(backend)) {
            violations.add(
                new Violation(
                    ingress.ref(), "routes to Service '" + backend + "', which is not rendered"));
          }
        }
      }
    }
    return violations;
  }
}
