package dev.paved.server.platform;

import dev.paved.cluster.connection.ClusterResolver;
import dev.paved.cluster.connection.Kubeconfigs;
import dev.paved.core.target.ClusterRef;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server's own cluster, or none: the cluster of every target that names none, where the Secrets
 * of targets that name one by Secret live, and where replicas keep their leases.
 */
public sealed interface ClusterMode {

  /** A cluster the server talks to. */
  sealed interface Connected extends ClusterMode {

    /** Resolves each target's {@code spec.cluster} from this server's point of view. */
    ClusterResolver resolver();

    /** A fresh client configuration of the server's own cluster (read again on every call). */
    default Config config() {
      return resolver().resolve(new ClusterRef.ServerDefault()).config().get();
    }
  }

  /**
   * The cluster a repository this server seeds gives its {@code sandbox} target: the server's own,
   * named as the target file names it (its kubeconfig context, or in-cluster), so that a fresh
   * repository syncs where the server was pointed; the local sandbox's context when it has none.
   */
  default ClusterRef seededCluster() {
    ClusterRef sandbox = new ClusterRef.Context("paved-sandbox", Optional.empty());
    return switch (this) {
      case Kubeconfig k -> {
        try {
          yield new ClusterRef.Context(
              new Kubeconfigs(k.files()).find(k.context()).context(), Optional.empty());
        } catch (RuntimeException unreadable) {
          yield sandbox;
        }
      }
      case InCluster i -> new ClusterRef.InCluster();
      case None n -> sandbox;
    };
  }

  /**
   * The server reads these kubeconfig files (searched in order, as kubectl merges {@code
   * KUBECONFIG}); its own cluster is {@code context} of them, or the first file's current context.
   */
  record Kubeconfig(List<Path> files, Optional<String> context) implements Connected {

    public Kubeconfig {
      files = List.copyOf(files);
    }

    /** One kubeconfig file, or several separated by {@code :} as in {@code KUBECONFIG}. */
    public Kubeconfig(Path file, Optional<String> context) {
      this(Kubeconfigs.parse(file.toString()).files(), context);
    }

    @Override
    public ClusterResolver resolver() {
      return ClusterResolver.kubeconfig(new Kubeconfigs(files), context, secretNamespace());
    }
  }

  /** The cluster the server runs in, through its pod's service account. */
  record InCluster() implements Connected {

    @Override
    public ClusterResolver resolver() {
      return ClusterResolver.inCluster(new Kubeconfigs(List.of()), secretNamespace());
    }
  }

  /** No cluster: apps are rendered, not synced. */
  record None(String reason) implements ClusterMode {}

  /**
   * Where the Secrets that hold targets' kubeconfigs live: {@code PAVED_NAMESPACE}, else the pod's
   * own namespace ({@code POD_NAMESPACE}, as the Helm chart sets it, or the service account's),
   * else {@code paved}.
   */
  static String secretNamespace() {
    for (String variable : java.util.List.of("PAVED_NAMESPACE", "POD_NAMESPACE")) {
      Optional<String> set = Optional.ofNullable(System.getenv(variable)).filter(n -> !n.isBlank());
      if (set.isPresent()) {
        return set.get();
      }
    }
    Path pod = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
    try {
      return Files.isRegularFile(pod) ? Files.readString(pod).strip() : "paved";
    } catch (IOException e) {
      return "paved";
    }
  }
}
