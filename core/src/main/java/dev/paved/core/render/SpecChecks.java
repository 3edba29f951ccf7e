package dev.paved.core.render;

import dev.paved.core.cel.CompiledExpression.Bindings;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.ParameterValidator;
import dev.paved.core.path.PathValidation;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.Team;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.text.Names;
import dev.paved.core.text.Suggestions;
import dev.paved.core.yaml.MapNode;
import dev.paved.core.yaml.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks of a spec that need the platform: environment names, every environment's overrides,
 * derived names that must stay valid Kubernetes names, and the path's cross-parameter rules.
 */
final class SpecChecks {

  private SpecChecks() {}

  static void environments(AppSpec spec, String rendering, Platform platform, GoldenPath path) {
    Set<String> served = new TreeSet<>();
    platform.targets().values().forEach(t -> served.addAll(t.environments()));
    spec.environments()
        .forEach(
            (name, override) -> {
              if (!name.equals(rendering) && !served.contains(name)) {
                throw new InvalidInputException(
                    "environments: no target serves environment '" + name + "'",
                    override.location(),
                    served.isEmpty() ? "remove it" : Suggestions.hint(name, served));
              }
              ParameterValidator.check(path.parameters(), spec.withFor(name), spec.source());
            });
  }

  /** Namespace and public host label derived from app, team and environment stay valid. */
  static void derivedNames(AppSpec spec, String env, Team team) {
    String namespace = team.namespaceFor(env);
    if (!Names.isDnsLabel(namespace)) {
      throw new InvalidInputException(
          "team: the namespace '"
              + namespace
              + "' for environment "
              + env
              + " is not a valid name (at most 63 characters)",
          spec.source(),
          "use a shorter team name, or set namespaces in the team's file");
    }
    if ((spec.app() + "-" + env).length() > 63) {
      throw new InvalidInputException(
          "app: '"
              + spec.app()
              + "-"
              + env
              + "' (the endpoint's host label) is longer than 63 characters",
          spec.source(),
          "use a shorter app name");
    }
  }

  static void validations(
      GoldenPath path, Map<String, Object> values, Optional<MapNode> with, SourceLocation spec) {
    Bindings bindings = new Bindings(values);
    for (PathValidation validation : path.validations()) {
      if (!validation.expression().test(bindings)) {
        throw new InvalidInputException(
            validation.field() + ": " + validation.message(),
            locate(with, validation.field()).orElse(spec),
            "change the values so that " + validation.expression().text() + " holds");
      }
    }
  }

  /** The spec node of a field such as {@code with.replicas}, when it is written. */
  static Optional<SourceLocation> locate(Optional<MapNode> with, String field) {
    List<String> keys = List.of(field.split("\\."));
    return with.flatMap(map -> map.at(keys.subList(1, keys.size()))).map(Node::location);
  }
}
