package dev.paved.cluster.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run a sandbox.
 *
 * @param layout where its files go
 * @param binaries where the binaries are
 * @param nodes which fake nodes to create
 * @param startTimeout how long each component may take to become healthy
 */
public record SandboxConfig(
    SandboxLayout layout, SandboxBinaries binaries, NodePlan nodes, Duration startTimeout) {

  public SandboxConfig {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(binaries, "binaries");
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(startTimeout, "startTimeout");
  }

  /** Data under {@code ~/.paved/sandbox}, binaries from build.sh's cache, the default nodes. */
  public static SandboxConfig defaults() {
    return new SandboxConfig(
        SandboxLayout.defaultLayout(),
        SandboxBinaries.locate(),
        NodePlan.defaults(),
        Duration.ofSeconds(60));
  }

  /** The same sandbox (same name) with its data in {@code dataDir}. */
  public SandboxConfig withDataDir(java.nio.file.Path dataDir) {
    return new SandboxConfig(
        new SandboxLayout(dataDir, layout.name()), binaries, nodes, startTimeout);
  }

  /** The sandbox called {@code name}, in its own data directory ({@link SandboxLayout#named}). */
  public SandboxConfig named(String name) {
    return new SandboxConfig(SandboxLayout.named(name), binaries, nodes, startTimeout);
  }

  public SandboxConfig withNodes(NodePlan newNodes) {
    return new SandboxConfig(layout, binaries, newNodes, startTimeout);
  }
}
