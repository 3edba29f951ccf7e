package dev.paved.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.paved.core.policy.AdmissionPolicyExport;
import dev.paved.core.policy.Policies;
import dev.paved.core.render.ManifestWriter;
import dev.paved.testing.sandbox.SandboxNamespace;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exported ValidatingAdmissionPolicy is accepted by the sandbox's real kube-apiserver and,
 * bound to this test's namespace only, rejects a privileged pod and admits a compliant one.
 */
@SandboxTest
class AdmissionPolicyIT {

  private static ValidatingAdmissionPolicy policy;
  private static ValidatingAdmissionPolicyBinding binding;

  private final KubernetesClient client;
  private final String namespace;

  AdmissionPolicyIT(KubernetesClient client, SandboxNamespace namespace) {
    this.client = client;
    this.namespace = namespace.name();
  }

  @BeforeAll
  static void applyTheExportedPolicyBoundToThisNamespace(
      KubernetesClient client, SandboxNamespace ns) {
    String namespace = ns.name();
    List<Map<String, Object>> export = AdmissionPolicyExport.export(Policies.NONE);
    policy =
        Serialization.unmarshal(
            ManifestWriter.json(export.get(0)), ValidatingAdmissionPolicy.class);
    policy.getMetadata().setName("paved-pod-rules-" + namespace);
    binding =
        Serialization.unmarshal(
            ManifestWriter.json(export.get(1)), ValidatingAdmissionPolicyBinding.class);
    binding.getMetadata().setName(policy.getMetadata().getName());
    binding.getSpec().setPolicyName(policy.getMetadata().getName());
    binding
        .getSpec()
        .getMatchResources()
        .getNamespaceSelector()
        .getMatchExpressions()
        .getFirst()
        .setOperator("In");
    binding
        .getSpec()
        .getMatchResources()
        .getNamespaceSelector()
        .getMatchExpressions()
        .getFirst()
        .setValues(List.of(namespace));
    policy = client.resource(policy).create();
    binding = client.resource(binding).create();
  }

  @AfterAll
  static void removeThePolicy(KubernetesClient client) {
    client.resource(binding).delete();
    client.resource(policy).delete();
  }

  @Test
  void theApiServerRejectsAPrivilegedPodWithTheRuleMessage() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThatThrownBy(
                        () ->
                            client
                                .pods()
                                .inNamespace(namespace)
                                .resource(pod("privileged", true))
                                .create())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("SEC-01: containers must not be privileged"));
  }

  @Test
  void theApiServerAdmitsACompliantPod() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThatThrownBy(
                        () ->
                            client
                                .pods()
                                .inNamespace(namespace)
                                .resource(pod("probe-root", true))
                                .create())
                    .isInstanceOf(KubernetesClientException.class));
    Pod created = client.pods().inNamespace(namespace).resource(pod("compliant", false)).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
  }

  private static Pod pod(String name, boolean privileged) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(10001L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("app")
        .withImage("ghcr.io/example/api:1.0.0")
        .withNewSecurityContext()
        .withPrivileged(privileged)
        .withAllowPrivilegeEscalation(privileged)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("64Mi")))
        .endResources()
        .endContainer()
        .endSpec()
        .build();
  }
}
