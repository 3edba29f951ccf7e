package dev.paved.core.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each way a target file names its cluster, as the server will read it. */
class TargetClusterTest {

  private static ClusterRef clusterOf(String lines) {
    return new TargetLoader()
        .load(
            "platform/targets/lab.yaml",
            """
            apiVersion: paved.dev/v1alpha1
            kind: Target
            metadata: {name: lab}
            spec:
              cloud: onprem
              environments: [prod]
            %s
              prices: {cpuHour: 0.03, memoryGiBHour: 0.004, storageGiBMonth: 0.04, source: t, date: 2026-11}
            """
                .formatted(lines))
        .cluster();
  }

  @Test
  void aTargetThatNamesNoClusterIsTheServersOwn() {
    assertThat(clusterOf("")).isEqualTo(new ClusterRef.ServerDefault());
  }

  @Test
  void specContextIsShortForAClusterContext() {
    assertThat(clusterOf("  context: lab"))
        .isEqualTo(new ClusterRef.Context("lab", Optional.empty()));
  }

  @Test
  void aContextMayComeWithItsOwnKubeconfigFile() {
    assertThat(clusterOf("  cluster: {context: lab, kubeconfig: /etc/paved/lab.yaml}"))
        .isEqualTo(new ClusterRef.Context("lab", Optional.of("/etc/paved/lab.yaml")));
  }

  @Test
  void inClusterMeansThePodsServiceAccount() {
    assertThat(clusterOf("  cluster: {inCluster: true}")).isEqualTo(new ClusterRef.InCluster());
  }

  @Test
  void aSecretHoldsAKubeconfigUnderTheKeyKubeconfigUnlessTold() {
    assertThat(clusterOf("  cluster: {secret: lab-cluster}"))
        .isEqualTo(new ClusterRef.Secret("lab-cluster", "kubeconfig", Optional.empty()));
    assertThat(clusterOf("  cluster: {secret: lab-cluster, key: config, context: admin}"))
        .isEqualTo(new ClusterRef.Secret("lab-cluster", "config", Optional.of("admin")));
  }

  @Test
  void everyFormDescribesItselfInWords() {
    assertThat(clusterOf("  cluster: {secret: lab-cluster}").describe())
        .isEqualTo("Secret lab-cluster (key kubeconfig)");
    assertThat(clusterOf("  context: lab").describe()).isEqualTo("context lab");
  }
}
