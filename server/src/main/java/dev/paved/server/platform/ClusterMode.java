package dev.paved.server.platform;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Which cluster the server syncs to: one for every target, or none. */
public sealed interface ClusterMode {

  /** A cluster the server talks to. */
  sealed interface Connected extends ClusterMode {

    /** A fresh client configuration (read again on every reconnect). */
    Config config();
  }

  /** Every target is the cluster of this kubeconfig (and context, or its current one). */
  record Kubeconfig(Path file, Optional<String> context) implements Connected {

    @Override
    public Config config() {
      try {
        return Config.fromKubeconfig(context.orElse(null), Files.readString(file), file.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Every target is the cluster the server runs in, through its pod's service account. */
  record InCluster() implements Connected {

    @Override
    public Config config() {
      return Config.autoConfigure(null);
    }
  }

  /** No cluster: apps are rendered, not synced. */
  record None(String reason) implements ClusterMode {}
}
