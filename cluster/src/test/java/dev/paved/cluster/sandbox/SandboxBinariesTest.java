package dev.paved.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxBinariesTest {

  @Test
  void cacheKeyIsTheOneBuildShUses() {
    assertThat(
            SandboxBinaries.cacheKey(
                Map.of(
                    "PAVED_K8S_VERSION", "v1.34.4",
                    "PAVED_ETCD_VERSION", "v3.6.16",
                    "PAVED_KWOK_VERSION", "v0.8.0")))
        .isEqualTo("k8s-v1.34.4_etcd-v3.6.16_kwok-v0.8.0");
  }

  @Test
  void versionsComeFromSandboxVersionsEnv() {
    assertThat(SandboxBinaries.versions())
        .containsKeys("PAVED_K8S_VERSION", "PAVED_ETCD_VERSION", "PAVED_KWOK_VERSION");
  }
}
