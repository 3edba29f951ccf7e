package dev.paved.core.render;

import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.cel.CompiledExpression.Bindings;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.path.FieldRecorder;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.ParameterValidator;
import dev.paved.core.path.ResourceTemplate;
import dev.paved.core.path.TemplateEvaluator;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.Team;
import dev.paved.core.rendered.ObjectOrder;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.target.Target;
import java.util.ArrayList;
import java.util.HashSet;
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
    return render(spec, environment, target, resource -> FieldRecorder.NONE);
  }

  /**
   * Renders and reports, per resource of the golden path, which template node produced each field
   * (for {@code paved explain}).
   */
  public RenderedApp render(
      AppSpec spec,
      String environment,
      Target target,
      java.util.function.Function<ResourceTemplate, FieldRecorder> recorders) {
    GoldenPath path = platform.paths().require(spec.path());
    Team team = platform.team(spec.team());
    SpecChecks.environments(spec, environment, platform, path);
    SpecChecks.derivedNames(spec, environment, team);
    Map<String, Object> with =
        ParameterValidator.validate(
            path.parameters(),
            spec.withFor(environment),
            spec.source(),
            target.gpuClasses().keySet(),
            target.name());
    Map<String, Object> values = RenderBindings.of(spec, environment, target, team, path, with);
    SpecChecks.validations(path, values, spec.withFor(environment), spec.source());
    for (Map.Entry<String, CompiledExpression> var : path.vars().entrySet()) {
      values.put("vars." + var.getKey(), var.getValue().evaluate(new Bindings(values)).orElse(""));
    }
    List<RenderedObject> objects =
        objects(
            path,
            new Bindings(values),
            new RenderContext(
                path,
                team.namespaceFor(environment),
                Labels.standard(spec.app(), spec.team(), environment)),
            recorders);
    requireUnique(objects);
    EnvironmentVariables.requireUnique(objects, spec);
    objects.sort(ObjectOrder.APPLY_ORDER);
    return new RenderedApp(
        spec.app(), spec.team(), environment, target.name(), path.ref(), objects);
  }

  private static List<RenderedObject> objects(
      GoldenPath path,
      Bindings bindings,
      RenderContext context,
      java.util.function.Function<ResourceTemplate, FieldRecorder> recorders) {
    ObjectFinisher finisher = new ObjectFinisher(context);
    List<RenderedObject> objects = new ArrayList<>();
    for (ResourceTemplate resource : path.resources()) {
      if (resource.includeWhen().map(when -> when.test(bindings)).orElse(true)) {
        objects.add(
            finisher.finish(resource, evaluate(resource, bindings, recorders.apply(resource))));
      }
    }
    return objects;
  }

  private static Map<String, Object> evaluate(
      ResourceTemplate resource, Bindings bindings, FieldRecorder recorder) {
    Object value =
        TemplateEvaluator.evaluate(resource.template(), bindings, "", recorder).orElse(Map.of());
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidInputException(
          "resource '" + resource.id() + "' does not render an object",
          resource.location(),
          "the template must be a map");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) map;
    return body;
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
