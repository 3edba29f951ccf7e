package dev.paved.core.policy;

import dev.paved.core.rendered.Tree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exports the blocking rules that can be enforced at admission as ValidatingAdmissionPolicy objects
 * (admissionregistration.k8s.io/v1), so a cluster rejects what bypasses Paved. The built-in pod
 * rules become one policy over Pods; each platform CEL rule marked {@code admission} becomes a
 * policy over its kinds. Every policy gets a binding that denies, outside the system namespaces.
 */
public final class AdmissionPolicyExport {

  private static final String CONTAINERS =
      "((has(object.spec.initContainers) ? object.spec.initContainers : []) + object.spec.containers)";
  private static final String IMAGE_PINNED =
      "^([^/]+/)*[^/:@]+(:[A-Za-z0-9_][A-Za-z0-9_.-]*|@sha256:[0-9a-f]{64})$";

  /** A built-in rule as an admission expression over a Pod. */
  record PodValidation(String rule, String expression, String message) {}

  static final List<PodValidation> POD_VALIDATIONS =
      List.of(
          new PodValidation(
              "SEC-01",
              CONTAINERS
                  + ".all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || !c.securityContext.privileged)",
              "SEC-01: containers must not be privileged"),
          new PodValidation(
              "SEC-02",
              CONTAINERS
                  + ".all(c, has(c.securityContext) && has(c.securityContext.allowPrivilegeEscalation) && !c.securityContext.allowPrivilegeEscalation)",
              "SEC-02: every container must set allowPrivilegeEscalation: false"),
          new PodValidation(
              "SEC-03",
              CONTAINERS
                  + ".all(c, (has(c.securityContext) && has(c.securityContext.runAsNonRoot)) ? c.securityContext.runAsNonRoot"
                  + " : (has(object.spec.securityContext) && has(object.spec.securityContext.runAsNonRoot) && object.spec.securityContext.runAsNonRoot))"
                  + " && !(has(object.spec.securityContext) && has(object.spec.securityContext.runAsUser) && object.spec.securityContext.runAsUser == 0)",
              "SEC-03: pods must run as non-root (runAsNonRoot: true, never runAsUser: 0)"),
          new PodValidation(
              "SEC-04",
              CONTAINERS
                  + ".all(c, has(c.securityContext) && has(c.securityContext.capabilities) && has(c.securityContext.capabilities.drop)"
                  + " && c.securityContext.capabilities.drop.exists(d, d == 'ALL')"
                  + " && (!has(c.securityContext.capabilities.add) || c.securityContext.capabilities.add.all(a, a == 'NET_BIND_SERVICE')))",
              "SEC-04: containers must drop ALL capabilities and add at most NET_BIND_SERVICE"),
          new PodValidation(
              "SEC-05",
              "(has(object.spec.securityContext) && has(object.spec.securityContext.seccompProfile)"
                  + " && object.spec.securityContext.seccompProfile.type in ['RuntimeDefault', 'Localhost'])"
                  + " || "
                  + CONTAINERS
                  + ".all(c, has(c.securityContext) && has(c.securityContext.seccompProfile) && c.securityContext.seccompProfile.type in ['RuntimeDefault', 'Localhost'])",
              "SEC-05: pods must use the RuntimeDefault (or Localhost) seccomp profile"),
          new PodValidation(
              "SEC-07",
              "!(has(object.spec.hostNetwork) && object.spec.hostNetwork) && !(has(object.spec.hostPID) && object.spec.hostPID)"
                  + " && !(has(object.spec.hostIPC) && object.spec.hostIPC)",
              "SEC-07: pods must not share the host's network, PID or IPC namespace"),
          new PodValidation(
              "SEC-08",
              CONTAINERS
                  + ".all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0))",
              "SEC-08: containers must not use host ports"),
          new PodValidation(
              "SEC-09",
              "!has(object.spec.volumes) || object.spec.volumes.all(v, !has(v.hostPath))",
              "SEC-09: pods must not mount hostPath volumes"),
          new PodValidation(
              "IMG-01",
              CONTAINERS
                  + ".all(c, c.image.matches('"
                  + IMAGE_PINNED
                  + "') && !c.image.endsWith(':latest'))",
              "IMG-01: images must be pinned to a tag (not latest) or a digest"),
          new PodValidation(
              "RES-01",
              "object.spec.containers.all(c, has(c.resources) && has(c.resources.requests)"
                  + " && 'cpu' in c.resources.requests && 'memory' in c.resources.requests)",
              "RES-01: every container must request CPU and memory"));

  private AdmissionPolicyExport() {}

  /** The policies and bindings, in apply order (each policy before its binding). */
  public static List<Map<String, Object>> export(Policies policies) {
    List<Map<String, Object>> objects = new ArrayList<>();
    List<Map<String, Object>> validations = new ArrayList<>();
    for (PodValidation v : POD_VALIDATIONS) {
      validations.add(
          Tree.ordered(
              "expression", v.expression(), "message", v.message(), "reason", "Forbidden"));
    }
    objects.add(policy("paved-pod-rules", List.of(resourceRule("", "v1", "pods")), validations));
    objects.add(binding("paved-pod-rules"));
    for (CelRule rule : policies.rules()) {
      if (!rule.admission() || rule.severity() != Severity.BLOCK) {
        continue;
      }
      List<Map<String, Object>> rules = new ArrayList<>();
      for (String kind : rule.kinds()) {
        resource(kind).ifPresent(rules::add);
      }
      if (rule.kinds().isEmpty() || rules.isEmpty()) {
        continue;
      }
      String name = "paved-" + rule.id().toLowerCase(java.util.Locale.ROOT);
      objects.add(
          policy(
              name,
              rules,
              List.of(
                  Tree.ordered(
                      "expression",
                      rule.expression().text(),
                      "message",
                      rule.id() + ": " + rule.message(),
                      "reason",
                      "Forbidden"))));
      objects.add(binding(name));
    }
    return objects;
  }

  /** The ids of the built-in rules the export enforces. */
  public static List<String> builtInRules() {
    return POD_VALIDATIONS.stream().map(PodValidation::rule).toList();
  }

  private static Map<String, Object> policy(
      String name, List<Map<String, Object>> resourceRules, List<Map<String, Object>> validations) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("failurePolicy", "Fail");
    spec.put("matchConstraints", Tree.ordered("resourceRules", resourceRules));
    spec.put("validations", validations);
    return Tree.ordered(
        "apiVersion",
        "admissionregistration.k8s.io/v1",
        "kind",
        "ValidatingAdmissionPolicy",
        "metadata",
        Tree.ordered("name", name, "labels", Tree.ordered("app.kubernetes.io/managed-by", "paved")),
        "spec",
        spec);
  }

  private static Map<String, Object> binding(String policy) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("policyName", policy);
    spec.put("validationActions", List.of("Deny"));
    spec.put(
        "matchResources",
        Tree.ordered(
            "namespaceSelector",
            Tree.ordered(
                "matchExpressions",
                List.of(
                    Tree.ordered(
                        "key",
                        "kubernetes.io/metadata.name",
                        "operator",
                        "NotIn",
                        "values",
                        List.of("kube-system", "kube-public", "kube-node-lease"))))));
    return Tree.ordered(
        "apiVersion",
        "admissionregistration.k8s.io/v1",
        "kind",
        "ValidatingAdmissionPolicyBinding",
        "metadata",
        Tree.ordered(
            "name", policy, "labels", Tree.ordered("app.kubernetes.io/managed-by", "paved")),
        "spec",
        spec);
  }

  private static Map<String, Object> resourceRule(String group, String version, String resource) {
    return Tree.ordered(
        "apiGroups",
        List.of(group),
        "apiVersions",
        List.of(version),
        "operations",
        List.of("CREATE", "UPDATE"),
        "resources",
        List.of(resource));
  }

  private static Optional<Map<String, Object>> resource(String kind) {
    return Optional.ofNullable(
        switch (kind) {
          case "Pod" -> resourceRule("", "v1", "pods");
          case "Service" -> resourceRule("", "v1", "services");
          case "ConfigMap" -> resourceRule("", "v1", "configmaps");
          case "PersistentVolumeClaim" -> resourceRule("", "v1", "persistentvolumeclaims");
          case "ServiceAccount" -> resourceRule("", "v1", "serviceaccounts");
          case "Deployment" -> resourceRule("apps", "v1", "deployments");
          case "StatefulSet" -> resourceRule("apps", "v1", "statefulsets");
          case "DaemonSet" -> resourceRule("apps", "v1", "daemonsets");
          case "Job" -> resourceRule("batch", "v1", "jobs");
          case "CronJob" -> resourceRule("batch", "v1", "cronjobs");
          case "Ingress" -> resourceRule("networking.k8s.io", "v1", "ingresses");
          case "NetworkPolicy" -> resourceRule("networking.k8s.io", "v1", "networkpolicies");
          case "HorizontalPodAutoscaler" ->
              resourceRule("autoscaling", "v2", "horizontalpodautoscalers");
          case "PodDisruptionBudget" -> resourceRule("policy", "v1", "poddisruptionbudgets");
          default -> null;
        });
  }
}
