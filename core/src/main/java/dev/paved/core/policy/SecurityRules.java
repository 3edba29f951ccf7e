package dev.paved.core.policy;

import static dev.paved.core.policy.Severity.BLOCK;
import static dev.paved.core.policy.Severity.WARN;

import dev.paved.core.policy.Manifest.Container;
import dev.paved.core.policy.Manifest.Workload;
import dev.paved.core.policy.SimpleRule.Violation;
import dev.paved.core.rendered.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pod Security (restricted) and the security context checks SEC-01 … SEC-11. */
final class SecurityRules {

  private static final Set<String> ALLOWED_VOLUMES =
      Set.of(
          "configMap",
          "secret",
          "projected",
          "downwardAPI",
          "emptyDir",
          "persistentVolumeClaim",
          "csi",
          "ephemeral",
          "image",
          "name");
  private static final Set<String> SAFE_SYSCTLS =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");

  private SecurityRules() {}

  static List<Rule> all() {
    return List.of(
        SimpleRule.of(
            "SEC-01",
            BLOCK,
            "no privileged containers",
            "remove 'privileged: true' from the container's securityContext",
            m -> containers(m, c -> Tree.isTrue(security(c), "privileged"), "runs privileged")),
        SimpleRule.of(
            "SEC-02",
            BLOCK,
            "allowPrivilegeEscalation: false",
            "set securityContext.allowPrivilegeEscalation: false on every container",
            m ->
                containers(
                    m,
                    c -> !Boolean.FALSE.equals(security(c).get("allowPrivilegeEscalation")),
                    "may escalate privileges")),
        SimpleRule.of(
            "SEC-03",
            BLOCK,
            "run as non-root",
            "set runAsNonRoot: true in the pod securityContext and never runAsUser: 0",
            SecurityRules::nonRoot),
        SimpleRule.of(
            "SEC-03-UID",
            WARN,
            "UID and GID of 10000 or more",
            "run as a UID/GID ≥ 10000 so the user cannot collide with host users",
            SecurityRules::highUid),
        SimpleRule.of(
            "SEC-04",
            BLOCK,
            "drop ALL capabilities",
            "set capabilities.drop: [ALL] and add at most NET_BIND_SERVICE",
            m ->
                containers(
                    m,
                    c ->
                        !Tree.strings(Tree.map(security(c), "capabilities"), "drop").contains("ALL")
                            || Tree.strings(Tree.map(security(c), "capabilities"), "add").stream()
                                .anyMatch(a -> !a.equals("NET_BIND_SERVICE")),
                    "does not drop ALL capabilities or adds one beyond NET_BIND_SERVICE")),
        SimpleRule.of(
            "SEC-05",
            BLOCK,
            "RuntimeDefault seccomp",
            "set securityContext.seccompProfile.type: RuntimeDefault at pod level",
            SecurityRules::seccomp),
        SimpleRule.of(
            "SEC-06",
            WARN,
            "read-only root filesystem",
            "set readOnlyRootFilesystem: true and mount emptyDir volumes where the program writes",
            m ->
                containers(
                    m,
                    c -> !Tree.isTrue(security(c), "readOnlyRootFilesystem"),
                    "has a writable root filesystem")),
        SimpleRule.of(
            "SEC-07",
            BLOCK,
            "no host namespaces",
            "remove hostNetwork, hostPID and hostIPC",
            m ->
                pods(
                    m,
                    p ->
                        Tree.isTrue(p, "hostNetwork")
                            || Tree.isTrue(p, "hostPID")
                            || Tree.isTrue(p, "hostIPC"),
                    "shares a host namespace")),
        SimpleRule.of(
            "SEC-08",
            BLOCK,
            "no host ports",
            "remove hostPort; expose the port through a Service",
            m ->
                containers(
                    m,
                    c ->
                        Tree.maps(c.body(), "ports").stream()
                            .anyMatch(p -> Tree.number(p, "hostPort").orElse(0L) != 0),
                    "uses a hostPort")),
        SimpleRule.of(
            "SEC-09",
            BLOCK,
            "no hostPath volumes",
            "replace the hostPath volume with an emptyDir, PVC or CSI volume",
            m ->
                pods(
                    m,
                    p -> Tree.maps(p, "volumes").stream().anyMatch(v -> v.containsKey("hostPath")),
                    "mounts a hostPath volume")),
        SimpleRule.of(
            "SEC-10",
            BLOCK,
            "restricted volume types only",
            "use configMap, secret, projected, downwardAPI, emptyDir, persistentVolumeClaim, csi, ephemeral or image volumes",
            m ->
                pods(
                    m,
                    p ->
                        Tree.maps(p, "volumes").stream()
                            .anyMatch(v -> !ALLOWED_VOLUMES.containsAll(v.keySet())),
                    "uses a volume type Pod Security restricted forbids")),
        SimpleRule.of(
            "SEC-11",
            BLOCK,
            "no unsafe procMount, sysctls, SELinux user/role or probe hosts",
            "remove the unsafe setting (procMount, sysctl, SELinux user/role, host in a probe)",
            SecurityRules::hardening));
  }

  static Map<String, Object> security(Container c) {
    return Tree.map(c.body(), "securityContext");
  }

  private static List<Violation> containers(
      Manifest m, java.util.function.Predicate<Container> bad, String what) {
    return m.containers().stream()
        .filter(bad)
        .map(c -> new Violation(c.workload().ref(), c.where() + " " + what))
        .toList();
  }

  private static List<Violation> pods(
      Manifest m, java.util.function.Predicate<Map<String, Object>> bad, String what) {
    return m.workloads().stream()
        .filter(w -> bad.test(w.podSpec()))
        .map(w -> new Violation(w.ref(), "the pod " + what))
        .toList();
  }

  private static List<Violation> nonRoot(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      Map<String, Object> pod = Tree.map(w.podSpec(), "securityContext");
      boolean podNonRoot = Tree.isTrue(pod, "runAsNonRoot");
      for (Container c : m.containers(w)) {
        boolean nonRoot =
            security(c).containsKey("runAsNonRoot")
                ? Tree.isTrue(security(c), "runAsNonRoot")
                : podNonRoot;
        long uid =
            Tree.number(security(c), "runAsUser")
                .or(() -> Tree.number(pod, "runAsUser"))
                .orElse(-1L);
        if (!nonRoot || uid == 0) {
          violations.add(new Violation(w.ref(), c.where() + " may run as root"));
        }
      }
    }
    return violations;
  }

  private static List<Violation> highUid(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      Map<String, Object> pod = Tree.map(w.podSpec(), "securityContext");
      long uid = Tree.number(pod, "runAsUser").orElse(0L);
      long gid = Tree.number(pod, "runAsGroup").orElse(uid);
      if (uid < 10000 || gid < 10000) {
        violations.add(new Violation(w.ref(), "the pod runs as UID " + uid + " / GID " + gid));
      }
    }
    return violations;
  }

  private static List<Violation> seccomp(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      String pod =
          Tree.string(Tree.map(w.podSpec(), "securityContext", "seccompProfile"), "type")
              .orElse("");
      for (Container c : m.containers(w)) {
        String own = Tree.string(Tree.map(security(c), "seccompProfile"), "type").orElse(pod);
        if (!own.equals("RuntimeDefault") && !own.equals("Localhost")) {
          violations.add(
              new Violation(
                  w.ref(),
                  c.where() + " has seccomp profile '" + (own.isEmpty() ? "unset" : own) + "'"));
        }
      }
    }
    return violations;
  }

  private static List<Violation> hardening(Manifest m) {
    List<Violation> violations = new ArrayList<>();
    for (Workload w : m.workloads()) {
      Map<String, Object> pod = Tree.map(w.podSpec(), "securityContext");
      for (Map<String, Object> sysctl : Tree.maps(pod, "sysctls")) {
        String name = Tree.string(sysctl, "name").orElse("");
        if (!SAFE_SYSCTLS.contains(name)) {
          violations.add(new Violation(w.ref(), "the pod sets the unsafe sysctl " + name));
        }
      }
    }
    for (Container c : m.containers()) {
      Map<String, Object> security = security(c);
      if (!Tree.string(security, "procMount").orElse("Default").equals("Default")) {
        violations.add(
            new Violation(
                c.workload().ref(), c.where() + " sets procMount " + security.get("procMount")));
      }
      Map<String, Object> selinux = Tree.map(security, "seLinuxOptions");
      if (selinux.containsKey("user") || selinux.containsKey("role")) {
        violations.add(
            new Violation(c.workload().ref(), c.where() + " sets an SELinux user or role"));
      }
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        Map<String, Object> p = Tree.map(c.body(), probe);
        if (Tree.map(p, "httpGet").containsKey("host")
            || Tree.map(p, "tcpSocket").containsKey("host")) {
          violations.add(
              new Violation(c.workload().ref(), c.where() + " sets a host in its " + probe));
        }
      }
    }
    return violations;
  }
}
