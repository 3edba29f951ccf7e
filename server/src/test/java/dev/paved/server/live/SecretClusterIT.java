package dev.paved.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.cluster.connection.ClusterAccess;
import dev.paved.cluster.connection.ClusterResolver;
import dev.paved.cluster.connection.Kubeconfigs;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.target.ClusterRef;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A target that names its cluster by a Secret holding a kubeconfig (the server on Kubernetes): read
 * from the server's own cluster, in its namespace, against the sandbox's real API server.
 */
@SandboxTest
class SecretClusterIT {

  private static final String NAMESPACE = "paved-secret-clusters";
  private final KubernetesClient client;
  private final Sandbox sandbox;

  SecretClusterIT(KubernetesClient client, Sandbox sandbox) {
    this.client = client;
    this.sandbox = sandbox;
  }

  @AfterEach
  void removeTheNamespace() {
    client.namespaces().withName(NAMESPACE).delete();
  }

  private ClusterResolver resolver() {
    return ClusterResolver.kubeconfig(
        new Kubeconfigs(List.of(sandbox.kubeconfig())), Optional.empty(), NAMESPACE);
  }

  @Test
  void aKubeconfigInASecretOfTheServersNamespaceReachesItsCluster() throws Exception {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("paved-cluster-lab")
                .endMetadata()
                .withStringData(Map.of("config", Files.readString(sandbox.kubeconfig())))
                .build())
        .serverSideApply();

    ClusterAccess access =
        resolver().resolve(new ClusterRef.Secret("paved-cluster-lab", "config", Optional.empty()));

    assertThat(access.name()).isEqualTo("paved-sandbox");
    assertThat(access.server())
        .isEqualTo(resolver().resolve(new ClusterRef.ServerDefault()).server());
    try (KubernetesClient lab =
        new KubernetesClientBuilder().withConfig(access.config().get()).build()) {
      assertThat(lab.namespaces().withName(NAMESPACE).get()).isNotNull();
    }
    assertThatThrownBy(
            () ->
                resolver()
                    .resolve(
                        new ClusterRef.Secret("paved-cluster-lab", "kubeconfig", Optional.empty())))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("has no key kubeconfig (it has: [config])");
  }

  @Test
  void aSecretThatIsNotThereSaysHowToCreateIt() {
    assertThatThrownBy(
            () ->
                resolver()
                    .resolve(
                        new ClusterRef.Secret(
                            "paved-cluster-gone", "kubeconfig", Optional.empty())))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("the Secret " + NAMESPACE + "/paved-cluster-gone does not exist")
        .extracting(e -> ((EnvironmentException) e).hint())
        .asString()
        .contains("kubectl create secret generic paved-cluster-gone");
  }
}
