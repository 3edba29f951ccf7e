package dev.paved.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every pod template of every built-in path on every target and checks the secure defaults of
 * DESIGN §3.2, plus the labels every object must carry.
 */
class SecureDefaultsTest {

  @ParameterizedTest(name = "{0} on {1} in {2}")
  @MethodSource("dev.paved.core.render.BuiltInMatrix#cases")
  void everyPodTemplateMeetsTheSecureDefaults(String path, String target, String env) {
    RenderedApp app = BuiltInMatrix.render(path, target, env);
    List<Map<String, Object>> pods = podSpecs(app);
    assertThat(pods).as("pod templates of %s", path).isNotEmpty();
    for (Map<String, Object> pod : pods) {
      assertThat(pod).containsEntry("automountServiceAccountToken", false);
      Map<String, Object> security = map(pod, "securityContext");
      assertThat(security).containsEntry("runAsNonRoot", true);
      assertThat(map(security, "seccompProfile")).containsEntry("type", "RuntimeDefault");
      assertThat(pod).doesNotContainKeys("hostNetwork", "hostPID", "hostIPC");
      for (Map<String, Object> container : list(pod, "containers")) {
        meetsContainerDefaults(container);
      }
      for (Map<String, Object> volume : list(pod, "volumes")) {
        assertThat(volume).doesNotContainKey("hostPath");
      }
    }
  }

  @ParameterizedTest(name = "{0} on {1} in {2}")
  @MethodSource("dev.paved.core.render.BuiltInMatrix#cases")
  void everyObjectCarriesTheOwnershipLabelsAndPodsAreCoveredByANetworkPolicy(
      String path, String target, String env) {
    RenderedApp app = BuiltInMatrix.render(path, target, env);
    for (RenderedObject object : app.objects()) {
      Map<String, Object> labels = map(map(object.body(), "metadata"), "labels");
      assertThat(labels)
          .as("labels of %s", object.ref())
          .containsEntry(Labels.NAME, app.app())
          .containsEntry(Labels.INSTANCE, app.app())
          .containsEntry(Labels.MANAGED_BY, "paved")
          .containsEntry(Labels.TEAM, app.team())
          .containsEntry(Labels.APP, app.app())
          .containsEntry(Labels.ENV, app.environment());
    }
    assertThat(app.objects())
        .anySatisfy(
            o -> {
              assertThat(o.kind()).isEqualTo("NetworkPolicy");
              assertThat(map(map(o.body(), "spec"), "podSelector"))
                  .containsEntry("matchLabels", Labels.selector(app.app()));
            });
    for (Map<String, Object> template : podTemplates(app)) {
      assertThat(map(map(template, "metadata"), "labels"))
          .as("pod labels carry the cost-allocation labels")
          .containsEntry(Labels.TEAM, app.team())
          .containsEntry(Labels.APP, app.app());
    }
  }

  @SuppressWarnings("unchecked")
  private static void meetsContainerDefaults(Map<String, Object> container) {
    String name = String.valueOf(container.get("name"));
    Map<String, Object> security = map(container, "securityContext");
    assertThat(security)
        .as("securityContext of %s", name)
        .containsEntry("allowPrivilegeEscalation", false)
        .containsEntry("readOnlyRootFilesystem", true)
        .doesNotContainKey("privileged");
    assertThat((List<Object>) map(security, "capabilities").get("drop"))
        .as("dropped capabilities")
        .contains("ALL");
    assertThat(map(security, "capabilities")).doesNotContainKey("add");
    Map<String, Object> resources = map(container, "resources");
    assertThat(map(resources, "requests")).as("requests of %s", name).containsKeys("cpu", "memory");
    assertThat(map(resources, "limits")).as("limits of %s", name).containsKey("memory");
    String image = String.valueOf(container.get("image"));
    assertThat(image)
        .as("image of %s is pinned", name)
        .matches(".+(:[\\w][\\w.-]*|@sha256:[0-9a-f]{64})")
        .doesNotEndWith(":latest");
    assertThat(container).containsKey("imagePullPolicy");
    for (Map<String, Object> port : list(container, "ports")) {
      assertThat(port).doesNotContainKey("hostPort");
    }
    for (Map<String, Object> env : list(container, "env")) {
      String variable = String.valueOf(env.get("name"));
      if (variable.endsWith("TOKEN") || variable.endsWith("KEY") || variable.contains("SECRET")) {
        assertThat(env)
            .as("%s comes from a Secret", variable)
            .containsKey("valueFrom")
            .doesNotContainKey("value");
      }
    }
  }

  static List<Map<String, Object>> podTemplates(RenderedApp app) {
    List<Map<String, Object>> templates = new ArrayList<>();
    for (RenderedObject object : app.objects()) {
      Map<String, Object> spec = map(object.body(), "spec");
      switch (object.kind()) {
        case "Deployment", "StatefulSet", "DaemonSet", "Job" ->
            templates.add(map(spec, "template"));
        case "CronJob" -> templates.add(map(map(map(spec, "jobTemplate"), "spec"), "template"));
        default -> {}
      }
    }
    return templates;
  }

  static List<Map<String, Object>> podSpecs(RenderedApp app) {
    return podTemplates(app).stream().map(t -> map(t, "spec")).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.getOrDefault(key, Map.of());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    return (List<Map<String, Object>>) parent.getOrDefault(key, List.of());
  }
}
