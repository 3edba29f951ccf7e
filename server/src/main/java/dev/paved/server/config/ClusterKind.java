package dev.paved.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The server's own cluster ({@code cluster}): where targets that name none are synced. */
public enum ClusterKind {
  /** The local sandbox {@code paved up} starts. */
  SANDBOX,
  /** A context of the kubeconfig files ({@code kubeconfig}, {@code context}). */
  KUBECONFIG,
  /** The cluster the server's pod runs in. */
  IN_CLUSTER,
  /** None: apps are rendered, not synced. */
  NONE;

  /**
   * As settings spell it: {@code sandbox}, {@code kubeconfig}, {@code in-cluster}, {@code none}.
   */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<ClusterKind> parse(String text) {
    return Arrays.stream(values()).filter(k -> k.spelling().equals(text)).findFirst();
  }

  @Override
  public String toString() {
    return spelling();
  }
}
