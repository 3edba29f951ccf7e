package dev.paved.core.path;

import dev.cel.common.types.CelType;
import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.cel.ExpressionEnvironment;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.yaml.Headers;
import dev.paved.core.yaml.MapNode;
import dev.paved.core.yaml.MapReader;
import dev.paved.core.yaml.Node;
import dev.paved.core.yaml.YamlReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code GoldenPath} file and type-checks all its expressions. Stateless and thread-safe.
 *
 * <p>Fails with {@link InvalidInputException} naming file, line and column for: malformed YAML,
 * unknown fields, a bad parameter schema, an expression that does not parse, reads an unknown
 * variable or has the wrong type, and duplicate resource ids.
 */
public final class GoldenPathLoader {

  public static final String KIND = "GoldenPath";
  private static final Set<String> WORKLOADS = Set.of("service", "job", "notebook");

  private final YamlReader yaml = new YamlReader();

  public GoldenPath load(String file, String text) {
    MapReader root = Headers.document(yaml, file, text, KIND);
    MapReader metadata =
        MapReader.of(root.require("metadata"), "metadata").allowOnly(Set.of("name", "version"));
    MapReader spec =
        MapReader.of(root.require("spec"), "spec")
            .allowOnly(
                Set.of(
                    "description", "workload", "parameters", "vars", "validations", "resources"));
    Map<String, Parameter> parameters =
        spec.findMap("parameters").map(ParameterSchemaReader::read).orElse(Map.of());
    Map<String, CompiledExpression> vars = new LinkedHashMap<>();
    ExpressionEnvironment environment = vars(spec, environment(parameters), vars);
    TemplateCompiler compiler = new TemplateCompiler(environment);
    return new GoldenPath(
        Headers.name(metadata),
        PathVersion.parse(
            metadata.requireString("version"), metadata.require("version").location()),
        spec.findString("description").orElse(""),
        workload(spec),
        parameters,
        vars,
        validations(spec, compiler, parameters),
        resources(spec, compiler),
        root.location());
  }

  private static String workload(MapReader spec) {
    String workload = spec.findString("workload").orElse("service");
    if (!WORKLOADS.contains(workload)) {
      throw new InvalidInputException(
          "spec.workload: '" + workload + "' is not one of " + WORKLOADS,
          spec.require("workload").location(),
          "use service, job or notebook");
    }
    return workload;
  }

  /** Compiles the named vars in order; each may read the ones before it. */
  private static ExpressionEnvironment vars(
      MapReader spec, ExpressionEnvironment environment, Map<String, CompiledExpression> vars) {
    ExpressionEnvironment current = environment;
    for (MapNode.Entry entry :
        spec.findMap("vars").map(MapReader::node).map(MapNode::entries).orElse(List.of())) {
      CompiledExpression compiled =
          new TemplateCompiler(current).condition(entry.value(), "spec.vars." + entry.key(), false);
      vars.put(entry.key(), compiled);
      current = current.with("vars." + entry.key(), compiled.resultType());
    }
    return current;
  }

  private static List<PathValidation> validations(
      MapReader spec, TemplateCompiler compiler, Map<String, Parameter> parameters) {
    List<PathValidation> validations = new ArrayList<>();
    List<Node> items = spec.list("validations");
    for (int i = 0; i < items.size(); i++) {
      String field = "spec.validations[" + i + "]";
      MapReader rule =
          MapReader.of(items.get(i), field).allowOnly(Set.of("expression", "message", "field"));
      String target = rule.findString("field").orElse("with");
      if (!target.equals("with")
          && !parameters.containsKey(target.replaceFirst("^with\\.", "").split("\\.")[0])) {
        throw new InvalidInputException(
            field + ".field: '" + target + "' is not a parameter",
            rule.require("field").location(),
            "name a parameter, e.g. with.replicas");
      }
      validations.add(
          new PathValidation(
              compiler.condition(rule.require("expression"), field + ".expression", true),
              rule.requireString("message"),
              target));
    }
    return validations;
  }

  /**
   * The typed variables of a path: the fixed context plus one {@code with.*} per parameter leaf.
   */
  static ExpressionEnvironment environment(Map<String, Parameter> parameters) {
    Map<String, CelType> declarations = new LinkedHashMap<>(PathVariables.declarations());
    declareParameters("with", parameters, declarations);
    return ExpressionEnvironment.of(declarations);
  }

  private static void declareParameters(
      String prefix, Map<String, Parameter> parameters, Map<String, CelType> declarations) {
    for (Parameter parameter : parameters.values()) {
      String name = prefix + "." + parameter.name();
      if (parameter.type() == ParamType.OBJECT) {
        declareParameters(name, parameter.properties(), declarations);
      } else {
        declarations.put(name, parameter.type().celType());
      }
    }
  }

  private static List<ResourceTemplate> resources(MapReader spec, TemplateCompiler compiler) {
    List<ResourceTemplate> resources = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<Node> items = spec.list("resources");
    if (items.isEmpty()) {
      throw new InvalidInputException(
          "spec.resources is empty",
          spec.location(),
          "a golden path must render at least one resource");
    }
    for (int i = 0; i < items.size(); i++) {
      String field = "spec.resources[" + i + "]";
      MapReader resource =
          MapReader.of(items.get(i), field).allowOnly(Set.of("id", "includeWhen", "template"));
      String id = resource.requireString("id");
      if (!ids.add(id)) {
        throw new InvalidInputException(
            field + ".id: duplicate resource id '" + id + "'",
            resource.require("id").location(),
            "give every resource its own id");
      }
      Optional<CompiledExpression> when =
          resource
              .find("includeWhen")
              .map(n -> compiler.condition(n, field + ".includeWhen", true));
      Node template = resource.require("template");
      MapReader object = MapReader.of(template, field + ".template");
      object.requireString("apiVersion");
      object.requireString("kind");
      resources.add(
          new ResourceTemplate(id, when, compiler.compile(template), resource.location()));
    }
    return resources;
  }
}
