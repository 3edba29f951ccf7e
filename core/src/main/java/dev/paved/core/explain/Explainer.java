package dev.paved.core.explain;

import dev.paved.core.path.FieldPaths;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.Template;
import dev.paved.core.platform.Platform;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.target.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders a spec while recording, for every field, where it came from. Thread-safe. */
public final class Explainer {

  private final Platform platform;

  public Explainer(Platform platform) {
    this.platform = platform;
  }

  public Explanation explain(AppSpec spec, String environment, Target target) {
    GoldenPath path = platform.paths().require(spec.path());
    Origins origins = new Origins(spec, environment, path, target);
    Map<String, Map<String, FieldSource>> byResource = new HashMap<>();
    RenderedApp app =
        new Renderer(platform)
            .render(
                spec,
                environment,
                target,
                resource -> {
                  Map<String, FieldSource> fields =
                      byResource.computeIfAbsent(resource.id(), id -> new HashMap<>());
                  return (field, value, source) ->
                      fields.put(field, source(field, value, source, origins));
                });
    Map<String, List<FieldSource>> result = new LinkedHashMap<>();
    for (RenderedObject object : app.objects()) {
      Map<String, FieldSource> recorded = byResource.getOrDefault(object.resourceId(), Map.of());
      List<FieldSource> fields = new ArrayList<>();
      walk("", object.body(), recorded, fields, origins, path);
      result.put(object.ref(), fields);
    }
    return new Explanation(app, result);
  }

  private static FieldSource source(
      String field, Object value, Template template, Origins origins) {
    return switch (template) {
      case Template.Expression e ->
          new FieldSource(
              field,
              value,
              "expression",
              e.expression().location(),
              e.expression().text(),
              origins.of(e.expression()));
      case Template.Interpolation i ->
          new FieldSource(
              field,
              value,
              "expression",
              i.location(),
              text(i),
              i.parts().stream()
                  .filter(Template.Part.Value.class::isInstance)
                  .flatMap(p -> origins.of(((Template.Part.Value) p).expression()).stream())
                  .distinct()
                  .toList());
      default -> new FieldSource(field, value, "literal", template.location(), "", List.of());
    };
  }

  private static String text(Template.Interpolation interpolation) {
    StringBuilder text = new StringBuilder();
    for (Template.Part part : interpolation.parts()) {
      switch (part) {
        case Template.Part.Text t -> text.append(t.text());
        case Template.Part.Value v -> text.append("${").append(v.expression().text()).append('}');
      }
    }
    return text.toString();
  }

  /** Every leaf in output order; fields the template did not produce were added by the renderer. */
  private static void walk(
      String field,
      Object value,
      Map<String, FieldSource> recorded,
      List<FieldSource> out,
      Origins origins,
      GoldenPath path) {
    Optional<FieldSource> source = Optional.ofNullable(recorded.get(field));
    if (source.isPresent()
        && !(value instanceof Map<?, ?> m && !m.isEmpty())
        && !(value instanceof List<?> l && !l.isEmpty())) {
      out.add(
          new FieldSource(
              field,
              value,
              source.get().producer(),
              source.get().location(),
              source.get().expression(),
              source.get().inputs()));
      return;
    }
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      map.forEach(
          (k, v) ->
              walk(FieldPaths.child(field, String.valueOf(k)), v, recorded, out, origins, path));
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        walk(FieldPaths.index(field, i), list.get(i), recorded, out, origins, path);
      }
    } else {
      out.add(renderer(field, value, origins, path));
    }
  }

  private static FieldSource renderer(
      String field, Object value, Origins origins, GoldenPath path) {
    List<Input> inputs;
    if (field.equals("metadata.namespace")) {
      inputs = List.of(origins.input("app.namespace"));
    } else if (field.startsWith("metadata.labels")) {
      inputs =
          List.of(
              origins.input("app.labels"), origins.input("team.name"), origins.input("env.name"));
    } else {
      inputs = List.of(origins.input("app.path"));
    }
    return new FieldSource(field, value, "renderer", path.source(), "", inputs);
  }
}
