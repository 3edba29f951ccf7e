package dev.paved.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.types.SimpleType;
import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.cel.ExpressionEnvironment;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.render.BuiltInMatrix;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.rendered.Tree;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exported admission policies are valid Kubernetes objects, and their CEL (evaluated here with
 * CEL-Java, the same language the API server runs) rejects a privileged pod while admitting every
 * pod the built-in paths render. The sandbox IT checks the same against a real API server.
 */
class AdmissionPolicyExportTest {

  private static final ExpressionEnvironment ADMISSION =
      ExpressionEnvironment.of(Map.of("object", SimpleType.DYN));
  private static final List<Map<String, Object>> EXPORT =
      AdmissionPolicyExport.export(Policies.NONE);

  @Test
  void exportsAPolicyAndABindingThatParseIntoTheKubernetesModel() {
    assertThat(EXPORT).hasSize(2);
    ValidatingAdmissionPolicy policy =
        Serialization.unmarshal(
            ManifestWriter.json(EXPORT.get(0)), ValidatingAdmissionPolicy.class);
    assertThat(policy.getAdditionalProperties()).isEmpty();
    assertThat(policy.getSpec().getValidations())
        .hasSize(AdmissionPolicyExport.builtInRules().size());
    ValidatingAdmissionPolicyBinding binding =
        Serialization.unmarshal(
            ManifestWriter.json(EXPORT.get(1)), ValidatingAdmissionPolicyBinding.class);
    assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
  }

  @Test
  void theRulesRejectAPrivilegedPod() {
    Map<String, Object> pod = renderedPods().getFirst();
    @SuppressWarnings("unchecked")
    Map<String, Object> container =
        ((List<Map<String, Object>>) Tree.map(pod, "spec").get("containers")).getFirst();
    @SuppressWarnings("unchecked")
    Map<String, Object> security = (Map<String, Object>) container.get("securityContext");
    security.put("privileged", true);
    assertThat(failing(pod)).contains("SEC-01: containers must not be privileged");
  }

  @Test
  void theRulesRejectARootPodWithAnUnpinnedImageAndNoRequests() {
    Map<String, Object> pod =
        Tree.ordered(
            "apiVersion",
            "v1",
            "kind",
            "Pod",
            "metadata",
            Tree.ordered("name", "x"),
            "spec",
            Tree.ordered("containers", List.of(Tree.ordered("name", "app", "image", "nginx"))));
    assertThat(failing(pod))
        .extracting(m -> m.substring(0, m.indexOf(':')))
        .containsExactlyInAnyOrder("SEC-02", "SEC-03", "SEC-04", "SEC-05", "IMG-01", "RES-01");
  }

  @Test
  void theRulesAdmitEveryPodTheBuiltInPathsRender() {
    for (Map<String, Object> pod : renderedPods()) {
      assertThat(failing(pod)).as("pod of %s", Tree.map(pod, "metadata").get("labels")).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> failing(Map<String, Object> pod) {
    List<String> messages = new ArrayList<>();
    for (Map<String, Object> validation :
        (List<Map<String, Object>>) Tree.map(EXPORT.get(0), "spec").get("validations")) {
      CompiledExpression expression =
          ADMISSION.compile((String) validation.get("expression"), SourceLocation.ofFile("export"));
      if (!expression.test(new CompiledExpression.Bindings(new HashMap<>(Map.of("object", pod))))) {
        messages.add((String) validation.get("message"));
      }
    }
    return messages;
  }

  /** Every pod template of every built-in path on every target, as a Pod object (deep copies). */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> renderedPods() {
    List<Map<String, Object>> pods = new ArrayList<>();
    for (String path : BuiltInMatrix.paths()) {
      for (String target : BuiltInMatrix.targets()) {
        for (RenderedObject object : BuiltInMatrix.render(path, target).objects()) {
          Map<String, Object> template = Tree.map(Tree.map(object.body(), "spec"), "template");
          if (!template.isEmpty()) {
            Map<String, Object> copy =
                Serialization.unmarshal(ManifestWriter.json(template), Map.class);
            pods.add(
                Tree.ordered(
                    "apiVersion",
                    "v1",
                    "kind",
                    "Pod",
                    "metadata",
                    copy.get("metadata"),
                    "spec",
                    copy.get("spec")));
          }
        }
      }
    }
    return pods;
  }
}
