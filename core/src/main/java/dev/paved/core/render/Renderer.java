package dev.paved.core.render;

import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.cel.CompiledExpression.Bindings;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.ParameterValidator;
import dev.paved.core.path.ResourceTemplate;
import dev.paved.core.path.TemplateEvaluator;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.Team;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.target.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders an app spec for one environment on one target. Pure: the same inputs give the same
 * objects in the same order. Thread-safe.
 *
 * <p>Fails with a positioned {@link InvalidInputException} for an unknown path or version, invalid
 * or unknown parameters, an unknown GPU class on the target, or a template that yields an object
 * without a valid name.
 */
public final class Renderer {

  private final Platform platform;

  public Renderer(Platform platform) {
    this.platform = platform;
  }

  /** Renders for the environment's target. */
  public RenderedApp render(AppSpec spec, String environment) {
    return render(spec, environment, platform.targetFor(environment));
  }

  /** Renders for an explicit target. */
  public RenderedApp render(AppSpec spec, String environment, Target target) {
    GoldenPath path = platform.paths().require(spec.path());
    Team team = platform.team(spec.team());
    for (String other : spec.environments().keySet()) {
      ParameterValidator.check(path.parameters(), spec.withFor(other), spec.source());
    }
    Map<String, Object> with =
        ParameterValidator.validate(
            path.parameters(),
            spec.withFor(environment),
            spec.source(),
            target.gpuClasses().keySet(),
            target.name());
    Map<String, Object> values = RenderBindings.of(spec, environment, target, team, path, with);
    for (Map.Entry<String, CompiledExpression> var : path.vars().entrySet()) {
      values.put("vars." + var.getKey(), var.getValue().evaluate(new Bindings(values)).orElse(""));
    }
    Bindings bindings = new Bindings(values);
    List<RenderedObject> objects = new ArrayList<>();
    for (ResourceTemplate resource : path.resources()) {
      if (resource.includeWhen().map(when -> when.test(bindings)).orElse(true)) {
        objects.add(finish(resource, evaluate(resource, bindings), spec, environment, team, path));
      }
    }
    requireUnique(objects);
    objects.sort(ObjectOrder.APPLY_ORDER);
    return new RenderedApp(
        spec.app(), spec.team(), environment, target.name(), path.ref(), objects);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> evaluate(ResourceTemplate resource, Bindings bindings) {
    return (Map<String, Object>)
        TemplateEvaluator.evaluate(resource.template(), bindings).orElseThrow();
  }

  /** Adds namespace, standard labels and the path annotation; checks the name. */
  @SuppressWarnings("unchecked")
  private static RenderedObject finish(
      ResourceTemplate resource,
      Map<String, Object> body,
      AppSpec spec,
      String env,
      Team team,
      GoldenPath path) {
    Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) body.getOrDefault("metadata", Map.of()));
    String name = String.valueOf(metadata.getOrDefault("name", ""));
    if (name.isEmpty() || name.length() > 253 || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new InvalidInputException(
          "resource '" + resource.id() + "' renders an invalid name '" + name + "'",
          resource.location(),
          "metadata.name must be a DNS-1123 name; check the template's metadata.name");
    }
    String kind = String.valueOf(body.get("kind"));
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("name", name);
    if (!ObjectOrder.isClusterScoped(kind)) {
      ordered.put("namespace", metadata.getOrDefault("namespace", team.namespaceFor(env)));
    }
    Map<String, Object> labels = new LinkedHashMap<>(Labels.standard(spec.app(), spec.team(), env));
    ((Map<String, Object>) metadata.getOrDefault("labels", Map.of())).forEach(labels::putIfAbsent);
    ordered.put("labels", labels);
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put(Labels.PATH_ANNOTATION, path.ref());
    if (ObjectOrder.ownsPods(kind)) {
      annotations.put(Labels.WORKLOAD_ANNOTATION, path.workload());
    }
    annotations.putAll((Map<String, Object>) metadata.getOrDefault("annotations", Map.of()));
    ordered.put("annotations", annotations);
    metadata.forEach(ordered::putIfAbsent);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("apiVersion", body.get("apiVersion"));
    result.put("kind", kind);
    result.put("metadata", ordered);
    body.forEach(result::putIfAbsent);
    return new RenderedObject(resource.id(), result);
  }

  private static void requireUnique(List<RenderedObject> objects) {
    Set<String> seen = new HashSet<>();
    for (RenderedObject object : objects) {
      String key =
          object.apiVersion()
              + "/"
              + object.kind()
              + "/"
              + object.namespace()
              + "/"
              + object.name();
      if (!seen.add(key)) {
        throw new InvalidInputException(
            "two resources render the same object " + object.ref(),
            Optional.empty(),
            "give each resource of the golden path its own name",
            null);
      }
    }
  }
}
