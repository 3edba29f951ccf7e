package dev.paved.cluster.connection;

import dev.paved.core.error.EnvironmentException;
import dev.paved.core.target.ClusterRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns what a target file names ({@code spec.cluster}) into a way to connect, from the server's
 * point of view: its kubeconfig files, its own cluster, and the namespace its Secrets live in.
 * Reads files (and Secrets) on each call; never connects to the target's cluster itself.
 */
public final class ClusterResolver {

  private final Kubeconfigs files;
  private final boolean homeInCluster;
  private final Optional<String> homeContext;
  private final String secretNamespace;

  private ClusterResolver(
      Kubeconfigs files, boolean homeInCluster, Optional<String> homeContext, String namespace) {
    this.files = files;
    this.homeInCluster = homeInCluster;
    this.homeContext = homeContext;
    this.secretNamespace = namespace;
  }

  /**
   * A server started with kubeconfig files: its own cluster is {@code context} of them (or their
   * current one); a target's Secret is read there, in {@code namespace}.
   */
  public static ClusterResolver kubeconfig(
      Kubeconfigs files, Optional<String> context, String namespace) {
    return new ClusterResolver(files, false, context, namespace);
  }

  /** A server running in a pod: its own cluster is the one it runs in. */
  public static ClusterResolver inCluster(Kubeconfigs files, String namespace) {
    return new ClusterResolver(files, true, Optional.empty(), namespace);
  }

  /**
   * How to reach the cluster {@code ref} names.
   *
   * @throws EnvironmentException when it cannot work: a context no file has, a file that does not
   *     parse, a Secret or key that is not there
   */
  public ClusterAccess resolve(ClusterRef ref) {
    return switch (ref) {
      case ClusterRef.ServerDefault d -> homeInCluster ? inCluster() : context(files, homeContext);
      case ClusterRef.Context c ->
          context(
              c.kubeconfig().map(f -> new Kubeconfigs(List.of(Path.of(f)))).orElse(files),
              Optional.of(c.context()));
      case ClusterRef.InCluster i -> inCluster();
      case ClusterRef.Secret s -> secret(s);
    };
  }

  /**
   * Every target's cluster at once. Targets that reach one API server but name it differently
   * (other contexts, other credentials) are all misconfigured: one cluster gets one connection.
   */
  public Map<String, ClusterResolution> resolveAll(Map<String, ClusterRef> targets) {
    Map<String, ClusterResolution> result = new TreeMap<>();
    targets.forEach((name, ref) -> result.put(name, resolveOne(name, ref)));
    Map<String, List<String>> byServer = new LinkedHashMap<>();
    result.forEach(
        (name, resolution) -> {
          if (resolution instanceof ClusterResolution.Ready r && !r.access().server().isBlank()) {
            byServer.computeIfAbsent(r.access().server(), s -> new ArrayList<>()).add(name);
          }
        });
    byServer.forEach(
        (server, names) -> {
          long ways =
              names.stream()
                  .map(n -> ((ClusterResolution.Ready) result.get(n)).access().key())
                  .distinct()
                  .count();
          if (ways > 1) {
            names.forEach(n -> result.put(n, conflict(server, names, targets)));
          }
        });
    return result;
  }

  private ClusterResolution resolveOne(String target, ClusterRef ref) {
    try {
      return new ClusterResolution.Ready(resolve(ref));
    } catch (EnvironmentException e) {
      return new ClusterResolution.Misconfigured(
          "target " + target + " (" + ref.describe() + "): " + e.getMessage(), e.hint());
    } catch (RuntimeException e) {
      return new ClusterResolution.Misconfigured(
          "target " + target + " (" + ref.describe() + "): " + Errors.rootMessage(e),
          "check the target file's cluster and the server's access to it");
    }
  }

  private static ClusterResolution.Misconfigured conflict(
      String server, List<String> names, Map<String, ClusterRef> targets) {
    List<String> ways =
        names.stream().map(n -> n + " (" + targets.get(n).describe() + ")").toList();
    return new ClusterResolution.Misconfigured(
        "targets "
            + String.join(", ", ways)
            + " reach the same API server "
            + server
            + " in different ways; Paved keeps one connection per cluster",
        "name that cluster the same way (the same context) in each of these target files");
  }

  private static ClusterAccess context(Kubeconfigs kubeconfigs, Optional<String> context) {
    Kubeconfigs.Found found = kubeconfigs.find(context);
    Optional<String> named = Optional.of(found.context());
    return new ClusterAccess(
        "kubeconfig:" + found.file() + "#" + found.context(),
        found.context(),
        found.server(),
        () -> configOf(kubeconfigs.find(named)));
  }

  private static ClusterAccess inCluster() {
    return new ClusterAccess(
        "in-cluster",
        "in-cluster",
        "https://kubernetes.default.svc",
        () -> tuned(Config.autoConfigure(null)));
  }

  private ClusterAccess secret(ClusterRef.Secret ref) {
    String label = "Secret " + secretNamespace + "/" + ref.name() + " key " + ref.key();
    Kubeconfigs.Found found = Kubeconfigs.inText(label, readSecret(ref), ref.context());
    Optional<String> named = Optional.of(found.context());
    return new ClusterAccess(
        "secret:" + secretNamespace + "/" + ref.name() + "#" + ref.key() + "#" + found.context(),
        found.context(),
        found.server(),
        () -> configOfText(Kubeconfigs.inText(label, readSecret(ref), named)));
  }

  /** The kubeconfig text in the Secret, read from the server's own cluster. */
  private String readSecret(ClusterRef.Secret ref) {
    Config home = resolve(new ClusterRef.ServerDefault()).config().get();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(home).build()) {
      Secret secret = client.secrets().inNamespace(secretNamespace).withName(ref.name()).get();
      if (secret == null) {
        throw new EnvironmentException(
            "the Secret " + secretNamespace + "/" + ref.name() + " does not exist",
            "create it from the cluster's kubeconfig: kubectl create secret generic "
                + ref.name()
                + " -n "
                + secretNamespace
                + " --from-file="
                + ref.key()
                + "=FILE",
            false,
            null);
      }
      String value = Optional.ofNullable(secret.getData()).map(d -> d.get(ref.key())).orElse(null);
      if (value == null) {
        throw new EnvironmentException(
            "the Secret "
                + secretNamespace
                + "/"
                + ref.name()
                + " has no key "
                + ref.key()
                + " (it has: "
                + Optional.ofNullable(secret.getData()).map(Map::keySet).orElse(java.util.Set.of())
                + ")",
            "name the key that holds the kubeconfig (spec.cluster.key)",
            false,
            null);
      }
      return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }
  }

  private static Config configOf(Kubeconfigs.Found found) {
    return tuned(Config.fromKubeconfig(found.context(), found.file().toFile()));
  }

  @SuppressWarnings("removal") // the one way to pick a context of a kubeconfig held in memory
  private static Config configOfText(Kubeconfigs.Found found) {
    return tuned(Config.fromKubeconfig(found.context(), found.text(), null));
  }

  /** Short timeouts and no client-side retries: Paved retries with its own backoff. */
  private static Config tuned(Config config) {
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(3_000);
    config.setRequestTimeout(15_000);
    return config;
  }
}
