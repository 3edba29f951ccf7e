package dev.paved.cluster.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The sandbox as {@code status} sees it: each component, in start order.
 *
 * @param dataDir the data directory looked at
 * @param kubeconfig where the kubeconfig is (it exists only after a successful {@code up})
 * @param components one entry per {@link SandboxComponent}
 */
public record SandboxStatus(Path dataDir, Path kubeconfig, List<ComponentStatus> components) {

  public SandboxStatus {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    components = List.copyOf(components);
  }

  /** Every component is up and healthy. */
  public boolean running() {
    return components.stream().allMatch(ComponentStatus::up);
  }

  /** No component was started, or all were stopped by {@code down}. */
  public boolean stopped() {
    return components.stream().allMatch(c -> c.state() == ComponentStatus.State.STOPPED);
  }

  /** The components that were started but are dead or unhealthy. */
  public List<ComponentStatus> down() {
    return components.stream().filter(c -> c.state() == ComponentStatus.State.DOWN).toList();
  }

  /** One word for the whole: {@code running}, {@code stopped} or {@code degraded}. */
  public String summary() {
    return running() ? "running" : stopped() ? "stopped" : "degraded";
  }
}
