package dev.paved.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.diff.Drift;
import dev.paved.cluster.diff.DriftDetector;
import dev.paved.testing.sandbox.SandboxNamespace;
import dev.paved.testing.sandbox.SandboxTest;
import dev.paved.testing.sandbox.TestApps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-side apply of rendered apps against the sandbox's real kube-apiserver. */
@SandboxTest
class ApplierIT {

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
    Map<String, String> writes = pavedWrites(objects);
    assertThat(applier.apply(objects))
        .allSatisfy(o -> assertThat(o).isInstanceOf(ApplyOutcome.Unchanged.class));
    assertThat(pavedWrites(objects))
        .as("Paved wrote nothing: same spec generations, same 'paved' field-manager entries")
        .isEqualTo(writes);
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

  @Test
  void aFreshlyAppliedAppShowsNoDrift() {
    String llm =
        "apiVersion: paved.dev/v1alpha1\nkind: App\napp: chat\nteam: search\npath: llm-inference\n"
            + "with: {model: 'hf://org/model', gpu: nvidia-l4, public: true, replicas: {min: 2, max: 4}}\nsecrets: [HF_TOKEN]\n";
    for (List<Map<String, Object>> objects :
        List.of(render(WEB.formatted("api-d", 2, 2)), render(llm))) {
      assertThat(applier.apply(objects)).noneMatch(o -> o instanceof ApplyOutcome.Failed);
      assertThat(new DriftDetector(client).detect(objects)).isEmpty();
    }
  }

  @Test
  void aHandEditIsDetectedFieldByFieldAndHealed() {
    List<Map<String, Object>> objects = render(WEB.formatted("api-e", 2, 2));
    applier.apply(objects);
    // like kubectl edit: another field manager changes two fields Paved owns (retried, since the
    // deployment controller writes status concurrently and a stale patch is refused with 409)
    String edit =
        "{\"spec\":{\"replicas\":5,\"template\":{\"spec\":{\"containers\":"
            + "[{\"name\":\"app\",\"image\":\"ghcr.io/example/api:9.9.9\"}]}}}}";
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(
            () -> {
              client
                  .apps()
                  .deployments()
                  .inNamespace(namespace)
                  .withName("api-e")
                  .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), edit);
              return true;
            });
    client.services().inNamespace(namespace).withName("api-e").delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.services().inNamespace(namespace).withName("api-e").get() == null);

    List<Drift> drift = new DriftDetector(client).detect(objects);
    assertThat(drift)
        .filteredOn(d -> d instanceof Drift.Missing)
        .extracting(d -> d.ref().kind())
        .containsExactly("Service");
    assertThat(drift)
        .filteredOn(d -> d instanceof Drift.Changed)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.ref().kind()).isEqualTo("Deployment");
              assertThat(((Drift.Changed) d).fields())
                  .extracting(Drift.FieldChange::path)
                  .containsExactlyInAnyOrder(
                      "spec.replicas", "spec.template.spec.containers[0].image");
              assertThat(((Drift.Changed) d).fields())
                  .contains(new Drift.FieldChange("spec.replicas", "2", "5"));
            });

    assertThat(applier.apply(objects, true)).noneMatch(o -> o instanceof ApplyOutcome.Failed);
    assertThat(new DriftDetector(client).detect(objects)).isEmpty();
  }

  @Test
  void anObjectFirstMadeByKubectlApplyIsTakenOverSoAFieldDroppedLaterIsRemoved() {
    ConfigMap byKubectl =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("settings")
            .withNamespace(namespace)
            .addToAnnotations(
                "kubectl.kubernetes.io/last-applied-configuration",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{\"legacy\":\"yes\",\"mode\":\"fast\"}}")
            .endMetadata()
            .addToData(Map.of("mode", "fast", "legacy", "yes"))
            .build();
    // what `kubectl apply` (client-side) sends: a POST under its own field manager
    var http = client.getHttpClient();
    var response =
        http.sendAsync(
                http.newHttpRequestBuilder()
                    .uri(
                        client.getMasterUrl()
                            + "api/v1/namespaces/"
                            + namespace
                            + "/configmaps?fieldManager=kubectl-client-side-apply")
                    .post("application/json", Serialization.asJson(byKubectl))
                    .build(),
                String.class)
            .join();
    assertThat(response.code()).as(response.body()).isEqualTo(201);

    Map<String, Object> desired =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "ConfigMap",
            "metadata",
            Map.of("name", "settings", "namespace", namespace),
            "data",
            Map.of("mode", "fast"));
    assertThat(applier.apply(List.of(desired)))
        .singleElement()
        .isInstanceOf(ApplyOutcome.Configured.class);

    ConfigMap live = client.configMaps().inNamespace(namespace).withName("settings").get();
    assertThat(live.getData()).containsOnlyKeys("mode");
    assertThat(live.getMetadata().getAnnotations())
        .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
    assertThat(live.getMetadata().getManagedFields())
        .extracting(f -> f.getManager() + "/" + f.getOperation())
        .containsExactly("paved/Apply");
  }

  private List<Map<String, Object>> render(String spec) {
    return TestApps.render(spec, "dev", namespace);
  }

  /**
   * What the API server records of Paved's writes to each object: its generation (bumped by every
   * spec change) and the 'paved' field manager's entry (operation, time and fields). Controllers
   * keep writing status, so resourceVersions alone would move without any write by Paved.
   */
  @SuppressWarnings("unchecked")
  private Map<String, String> pavedWrites(List<Map<String, Object>> objects) {
    Map<String, String> writes = new LinkedHashMap<>();
    for (Map<String, Object> object : objects) {
      Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
      var live =
          client
              .genericKubernetesResources(
                  (String) object.get("apiVersion"), (String) object.get("kind"))
              .inNamespace(namespace)
              .withName((String) metadata.get("name"))
              .get();
      String paved =
          live.getMetadata().getManagedFields().stream()
              .filter(f -> Applier.FIELD_MANAGER.equals(f.getManager()))
              .map(
                  f ->
                      f.getOperation()
                          + "@"
                          + f.getTime()
                          + ":"
                          + Serialization.asJson(f.getFieldsV1()))
              .toList()
              .toString();
      writes.put(
          object.get("kind") + "/" + metadata.get("name"),
          live.getMetadata().getGeneration() + " " + paved);
    }
    return writes;
  }
}
