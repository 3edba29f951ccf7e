package dev.paved.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.UsageException;
import dev.paved.core.render.BuiltInMatrix;
import dev.paved.core.rendered.RenderedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code paved explain} has an answer for every leaf of every built-in path's output. */
class ExplainerTest {

  private static final Explainer EXPLAINER = new Explainer(BuiltInMatrix.PLATFORM);

  private static Explanation explain(String path, String target, String env) {
    return EXPLAINER.explain(
        BuiltInMatrix.input(path), env, BuiltInMatrix.PLATFORM.requireTarget(target));
  }

  @ParameterizedTest(name = "{0} on {1} in {2}")
  @MethodSource("dev.paved.core.render.BuiltInMatrix#cases")
  void everyLeafHasASource(String path, String target, String env) {
    Explanation explanation = explain(path, target, env);
    for (RenderedObject object : explanation.app().objects()) {
      List<FieldSource> fields = explanation.fields().get(object.ref());
      assertThat(fields)
          .extracting(FieldSource::field)
          .containsExactlyElementsOf(leaves("", object.body()));
      for (FieldSource field : fields) {
        assertThat(field.location().line())
            .as("%s %s has a position", object.ref(), field.field())
            .isPositive();
        if (field.producer().equals("renderer")) {
          assertThat(field.field())
              .as("only the renderer's own fields are unexplained by a template")
              .matches(
                  "metadata\\.(namespace|labels.*|annotations\\['paved\\.dev/(path|workload)'\\])");
        }
        if (field.producer().equals("expression")) {
          assertThat(field.inputs()).allSatisfy(i -> assertThat(i.origin()).isNotEqualTo("Paved"));
        }
      }
    }
  }

  @Test
  void aFieldReadFromTheSpecPointsAtTheSpecLineAndTheOverride() {
    Explanation explanation = explain("llm-inference", "gke", "prod");
    FieldSource max =
        explanation.select("HorizontalPodAutoscaler/chat:spec.maxReplicas").getFirst();
    assertThat(max.value()).isEqualTo(4L);
    assertThat(max.inputs())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.origin()).startsWith("environments.prod override");
              assertThat(i.location())
                  .get()
                  .hasToString("src/test/resources/golden/llm-inference/input.yaml:15:36");
            });
  }

  @Test
  void aCloudSpecificFieldNamesTheTargetAndTheGpuClass() {
    FieldSource selector =
        explain("llm-inference", "gke", "prod")
            .select("Deployment/chat:spec.template.spec.nodeSelector")
            .getFirst();
    assertThat(selector.field())
        .isEqualTo("spec.template.spec.nodeSelector['cloud.google.com/gke-accelerator']");
    assertThat(selector.inputs())
        .extracting(Input::origin)
        .containsExactly("target gke, GPU class nvidia-a100-80gb");
  }

  @Test
  void aDefaultNamesTheParameterInTheGoldenPath() {
    FieldSource threshold =
        explain("llm-inference", "sandbox", "dev")
            .select(
                "Deployment/chat:spec.template.spec.containers[0].startupProbe.failureThreshold")
            .getFirst();
    assertThat(threshold.inputs())
        .singleElement()
        .extracting(Input::origin)
        .asString()
        .startsWith("default 15 of parameter startupMinutes in llm-inference@1.0.0");
  }

  @Test
  void anUnknownObjectOrFieldIsAUsageErrorWithASuggestion() {
    Explanation explanation = explain("web-service", "sandbox", "dev");
    assertThatThrownBy(() -> explanation.select("Deployment/search-apii"))
        .isInstanceOf(UsageException.class)
        .satisfies(e -> assertThat(((UsageException) e).hint()).contains("Deployment/search-api"));
    assertThatThrownBy(() -> explanation.select("Deployment/search-api:spec.replica"))
        .isInstanceOf(UsageException.class);
  }

  private static List<String> leaves(String prefix, Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      map.forEach(
          (k, v) ->
              out.addAll(
                  leaves(dev.paved.core.path.FieldPaths.child(prefix, String.valueOf(k)), v)));
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        out.addAll(leaves(dev.paved.core.path.FieldPaths.index(prefix, i), list.get(i)));
      }
    } else {
      out.add(prefix);
    }
    return out;
  }
}
