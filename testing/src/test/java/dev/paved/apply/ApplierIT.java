package dev.paved.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.RenderedObject;
import dev.paved.core.render.Renderer;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.testing.sandbox.SandboxNamespace;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-side apply of rendered apps against the sandbox's real kube-apiserver. */
@SandboxTest
class ApplierIT {

  private static final Platform PLATFORM = new PlatformLoader().builtIn();
  private static final String WEB =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: search
      path: web-service
      with: {image: 'ghcr.io/example/api:1.0.0', replicas: {min: %d, max: %d}}
      """;
  private static final String JOB =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: search
      path: batch-inference
      with: {image: 'ghcr.io/example/embed:1.0.0', command: [%s], completions: 2}
      """;

  private final KubernetesClient client;
  private final String namespace;
  private final Applier applier;

  ApplierIT(KubernetesClient client, SandboxNamespace namespace) {
    this.client = client;
    this.namespace = namespace.name();
    this.applier = new Applier(client);
  }

  @Test
  void createsEveryObjectThenChangesNothingOnTheSecondApply() {
    List<Map<String, Object>> objects = render(WEB.formatted("api-a", 2, 2));
    assertThat(applier.apply(objects))
        .allSatisfy(o -> assertThat(o).isInstanceOf(ApplyOutcome.Created.class));
    Map<String, String> versions = resourceVersions(objects);
    assertThat(applier.apply(objects))
        .allSatisfy(o -> assertThat(o).isInstanceOf(ApplyOutcome.Unchanged.class));
    assertThat(resourceVersions(objects)).as("no object was written").isEqualTo(versions);
  }

  @Test
  void aChangedFieldConfiguresOnlyTheObjectItBelongsTo() {
    applier.apply(render(WEB.formatted("api-b", 2, 2)));
    List<ApplyOutcome> outcomes = applier.apply(render(WEB.formatted("api-b", 3, 3)));
    assertThat(outcomes)
        .filteredOn(o -> o.ref().kind().equals("Deployment"))
        .singleElement()
        .isInstanceOf(ApplyOutcome.Configured.class);
    assertThat(outcomes)
        .filteredOn(o -> !o.ref().kind().equals("Deployment"))
        .allSatisfy(o -> assertThat(o).isInstanceOf(ApplyOutcome.Unchanged.class));
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withName("api-b")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(3);
  }

  @Test
  void aJobWithANewPodTemplateIsReplaced() {
    applier.apply(render(JOB.formatted("embed", "embed, --v1")));
    List<ApplyOutcome> outcomes = applier.apply(render(JOB.formatted("embed", "embed, --v2")));
    assertThat(outcomes)
        .filteredOn(o -> o.ref().kind().equals("Job"))
        .singleElement()
        .isEqualTo(
            new ApplyOutcome.Configured(
                outcomes.stream()
                    .filter(o -> o.ref().kind().equals("Job"))
                    .findFirst()
                    .orElseThrow()
                    .ref(),
                true));
    assertThat(
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName("embed")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getCommand())
        .containsExactly("embed", "--v2");
  }

  @Test
  void aRefusedObjectIsAFailedOutcomeThatIsNotRetryable() {
    Map<String, Object> bad =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Service",
            "metadata",
            Map.of("name", "bad", "namespace", namespace),
            "spec",
            Map.of("ports", List.of(Map.of("port", 70000))));
    assertThat(applier.apply(List.of(bad)))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o).isInstanceOf(ApplyOutcome.Failed.class);
              assertThat(((ApplyOutcome.Failed) o).retryable()).isFalse();
              assertThat(((ApplyOutcome.Failed) o).reason()).contains("70000");
            });
  }

  /** Renders for the sandbox target and moves every object into this test's namespace. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> render(String spec) {
    var app = new Renderer(PLATFORM).render(new AppSpecParser().parse("paved.yaml", spec), "dev");
    return app.objects().stream()
        .map(RenderedObject::body)
        .map(
            body -> {
              Map<String, Object> copy =
                  Serialization.unmarshal(Serialization.asJson(body), LinkedHashMap.class);
              ((Map<String, Object>) copy.get("metadata")).put("namespace", namespace);
              return copy;
            })
        .toList();
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> resourceVersions(List<Map<String, Object>> objects) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (Map<String, Object> object : objects) {
      Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
      var live =
          client
              .genericKubernetesResources(
                  (String) object.get("apiVersion"), (String) object.get("kind"))
              .inNamespace(namespace)
              .withName((String) metadata.get("name"))
              .get();
      versions.put(
          object.get("kind") + "/" + metadata.get("name"), live.getMetadata().getResourceVersion());
    }
    return versions;
  }
}
