package dev.paved.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.paved.core.rendered.RenderedObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered object must deserialise into its fabric8 model type with no unknown field. fabric8
 * models keep unknown fields in {@code additionalProperties} instead of failing, so this test walks
 * the whole object graph and fails on any non-empty {@code additionalProperties}.
 */
class KubernetesModelConformanceTest {

  @ParameterizedTest(name = "{0} on {1} in {2}")
  @MethodSource("dev.paved.core.render.BuiltInMatrix#cases")
  void everyObjectIsAKnownTypeWithOnlyKnownFields(String path, String target, String env) {
    for (RenderedObject object : BuiltInMatrix.render(path, target, env).objects()) {
      String json = ManifestWriter.json(object.body());
      KubernetesResource model = Serialization.unmarshal(json, KubernetesResource.class);
      assertThat(model)
          .as("%s deserialises into a typed model", object.ref())
          .isNotInstanceOf(GenericKubernetesResource.class);
      requireNoUnknownFields(model, object.ref(), new IdentityHashMap<>());
    }
  }

  private static void requireNoUnknownFields(
      Object value, String path, IdentityHashMap<Object, Boolean> seen) {
    if (value == null || seen.put(value, true) != null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        requireNoUnknownFields(item, path + "[" + i++ + "]", seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> requireNoUnknownFields(v, path + "." + k, seen));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object child = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          fail("%s has fields unknown to the Kubernetes API: %s", path, extra.keySet());
        }
        continue;
      }
      requireNoUnknownFields(child, path + "." + getter.getName().substring(3), seen);
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
