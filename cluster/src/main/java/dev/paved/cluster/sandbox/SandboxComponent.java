package dev.paved.cluster.sandbox;

/** The processes of the sandbox, in start order (stop order is the reverse). */
public enum SandboxComponent {
  ETCD("etcd"),
  KUBE_APISERVER("kube-apiserver"),
  KUBE_CONTROLLER_MANAGER("kube-controller-manager"),
  KUBE_SCHEDULER("kube-scheduler"),
  KWOK("kwok");

  private final String binaryName;

  SandboxComponent(String binaryName) {
    this.binaryName = binaryName;
  }

  /** The executable's file name in the bin directory, also the name users see. */
  public String binaryName() {
    return binaryName;
  }

  /** The component's log file name under the logs directory. */
  public String logFileName() {
    return binaryName + ".log";
  }

  /** Finds a component by the name users see ({@code kube-apiserver}). */
  public static java.util.Optional<SandboxComponent> byName(String name) {
    for (SandboxComponent component : values()) {
      if (component.binaryName.equals(name)) {
        return java.util.Optional.of(component);
      }
    }
    return java.util.Optional.empty();
  }
}
