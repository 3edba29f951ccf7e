package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/** fabric8 clients for a sandbox's kubeconfig. */
public final class SandboxClients {

  private SandboxClients() {}

  /**
   * A new client for the kubeconfig's current context; the caller closes it.
   *
   * @throws EnvironmentException when the kubeconfig does not exist (the sandbox is not up)
   */
  public static KubernetesClient create(Path kubeconfig) {
    if (!Files.exists(kubeconfig)) {
      throw new EnvironmentException(
          "no sandbox kubeconfig at " + kubeconfig, "run `paved sandbox up` first", false, null);
    }
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
