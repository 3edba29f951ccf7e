package dev.paved.cli;

import dev.paved.cluster.sandbox.SandboxConfig;
import dev.paved.core.error.EnvironmentException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --kubeconfig} and {@code --context}: which cluster a command talks to. Without a flag:
 * {@code $KUBECONFIG}, then {@code ~/.kube/config}, then the sandbox's kubeconfig.
 */
final class KubeOptions {

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig to use. Default: $KUBECONFIG, else ~/.kube/config, else the sandbox's.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context. Default: the current context.")
  String context;

  /** The kubeconfig file that will be used, and why. */
  Path file() {
    if (kubeconfig != null) {
      return kubeconfig;
    }
    List<Path> candidates =
        Optional.ofNullable(System.getenv("KUBECONFIG"))
            .filter(s -> !s.isBlank())
            .map(s -> List.of(Path.of(s.split(java.io.File.pathSeparator)[0])))
            .orElse(
                List.of(
                    Path.of(System.getProperty("user.home"), ".kube", "config"),
                    SandboxConfig.defaults().layout().kubeconfig()));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new EnvironmentException(
                    "no kubeconfig found (looked at " + candidates + ")",
                    "pass --kubeconfig FILE, or start the sandbox with 'paved sandbox up'",
                    false,
                    null));
  }

  /** A failed API call as the environment problem it is (exit 3), with what to check. */
  EnvironmentException unreachable(io.fabric8.kubernetes.client.KubernetesClientException e) {
    String what =
        e.getCode() == 401 || e.getCode() == 403
            ? "the cluster refused the credentials of " + file() + " (HTTP " + e.getCode() + ")"
            : "cannot reach the cluster of " + file() + ": " + e.getMessage();
    return new EnvironmentException(
        what,
        "check that the cluster is up and the context is right (kubectl --kubeconfig "
            + file()
            + " get nodes); for the sandbox: paved sandbox status",
        e.getCode() != 401 && e.getCode() != 403,
        e);
  }

  KubernetesClient client() {
    Path file = file();
    if (!Files.isRegularFile(file)) {
      throw new EnvironmentException(
          "the kubeconfig " + file + " does not exist",
          "pass an existing file to --kubeconfig",
          false,
          null);
    }
    try {
      Config config = Config.fromKubeconfig(context, Files.readString(file), file.toString());
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new EnvironmentException(
          "cannot use the kubeconfig "
              + file
              + (context == null ? "" : " with context " + context)
              + ": "
              + e.getMessage(),
          "check the file and the context name (kubectl config get-contexts)",
          false,
          e);
    }
  }
}
