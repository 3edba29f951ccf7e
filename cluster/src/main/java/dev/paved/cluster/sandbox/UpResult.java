package dev.paved.cluster.sandbox;

import java.nio.file.Path;
import java.time.Duration;

/** What {@link Sandbox#up} did. Failures are thrown as {@code EnvironmentException}. */
public sealed interface UpResult {

  /** The kubeconfig to use, context {@code paved-sandbox}. */
  Path kubeconfig();

  SandboxStatus status();

  /**
   * The sandbox was started.
   *
   * @param took from the call to ready (components healthy, nodes Ready)
   */
  record Started(Path kubeconfig, SandboxStatus status, Duration took) implements UpResult {}

  /** A healthy sandbox was already running from this data directory; nothing was started. */
  record Reused(Path kubeconfig, SandboxStatus status) implements UpResult {}
}
