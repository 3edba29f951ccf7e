package dev.paved.testing.sandbox;

import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.spec.AppSpecParser;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Apps rendered by the built-in platform for the sandbox target, moved into a test namespace. */
public final class TestApps {

  private static final Platform PLATFORM = new PlatformLoader().builtIn();

  private TestApps() {}

  /** Renders {@code spec} (a paved.yaml) for {@code env}, every object in {@code namespace}. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> render(String spec, String env, String namespace) {
    var app = new Renderer(PLATFORM).render(new AppSpecParser().parse("paved.yaml", spec), env);
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
}
