package dev.paved.cluster.sandbox;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One component as {@code status} sees it.
 *
 * @param component which one
 * @param state up, down (started but dead or unhealthy) or stopped (not started)
 * @param pid its process id, when one is recorded
 * @param detail why it is down, or its health endpoint when up; empty when stopped
 */
public record ComponentStatus(
    SandboxComponent component, State state, OptionalLong pid, String detail) {

  /** The state of a component; {@code DOWN} is the one that needs attention. */
  public enum State {
    UP,
    DOWN,
    STOPPED
  }

  public ComponentStatus {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(pid, "pid");
    detail = detail == null ? "" : detail;
  }

  static ComponentStatus stopped(SandboxComponent component) {
    return new ComponentStatus(component, State.STOPPED, OptionalLong.empty(), "");
  }

  public boolean up() {
    return state == State.UP;
  }
}
