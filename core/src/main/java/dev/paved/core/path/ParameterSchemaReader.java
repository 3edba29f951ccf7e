package dev.paved.core.path;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.text.Suggestions;
import dev.paved.core.yaml.MapNode;
import dev.paved.core.yaml.MapReader;
import dev.paved.core.yaml.Node;
import dev.paved.core.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the compact parameter schema of a golden path: {@code name: {type, default, required, enum,
 * min, max, pattern, description, properties}} or the shorthand {@code name: integer}. Defaults and
 * enum values are checked against the parameter's own rules at load.
 */
final class ParameterSchemaReader {

  private static final Set<String> FIELDS =
      Set.of(
          "type",
          "default",
          "required",
          "enum",
          "min",
          "max",
          "pattern",
          "description",
          "properties");
  private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

  private ParameterSchemaReader() {}

  static Map<String, Parameter> read(MapReader parameters) {
    Map<String, Parameter> schema = new LinkedHashMap<>();
    for (MapNode.Entry entry : parameters.node().entries()) {
      if (!NAME.matcher(entry.key()).matches()) {
        throw new InvalidInputException(
            "parameter name '" + entry.key() + "' is not a lowerCamelCase identifier",
            entry.keyLocation(),
            "use names like 'model' or 'maxModelLen'");
      }
      schema.put(entry.key(), parameter(entry.key(), entry.value(), parameters.child(entry.key())));
    }
    return schema;
  }

  private static Parameter parameter(String name, Node node, String path) {
    if (node instanceof ScalarNode shorthand && shorthand.kind() == ScalarNode.Kind.STRING) {
      return new Parameter(
          name,
          type(shorthand.text(), shorthand),
          false,
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          "",
          Map.of(),
          node.location());
    }
    MapReader fields = MapReader.of(node, path).allowOnly(FIELDS);
    ParamType type =
        type(
            MapReader.string(fields.require("type"), fields.child("type")), fields.require("type"));
    Map<String, Parameter> properties =
        type == ParamType.OBJECT
            ? read(fields.findMap("properties").orElseThrow(() -> missingProperties(fields)))
            : Map.of();
    Parameter bare =
        new Parameter(
            name,
            type,
            fields.findBoolean("required").orElse(false),
            Optional.empty(),
            List.of(),
            number(fields, "min"),
            number(fields, "max"),
            fields.findString("pattern").map(p -> pattern(p, fields)),
            fields.findString("description").orElse(""),
            properties,
            node.location());
    List<Object> allowed = new ArrayList<>();
    for (Node value : fields.list("enum")) {
      allowed.add(ParameterValidator.convert(bare, value, fields.child("enum")));
    }
    Parameter withEnum = copy(bare, Optional.empty(), allowed);
    Optional<Object> defaultValue =
        fields
            .find("default")
            .map(d -> ParameterValidator.convert(withEnum, d, fields.child("default")));
    if (defaultValue.isPresent() && withEnum.required()) {
      throw new InvalidInputException(
          path + ": a required parameter cannot have a default",
          fields.location(),
          "remove 'required: true' or the default");
    }
    return copy(withEnum, defaultValue, allowed);
  }

  private static Parameter copy(Parameter p, Optional<Object> defaultValue, List<Object> allowed) {
    return new Parameter(
        p.name(),
        p.type(),
        p.required(),
        defaultValue,
        allowed,
        p.min(),
        p.max(),
        p.pattern(),
        p.description(),
        p.properties(),
        p.location());
  }

  private static ParamType type(String word, Node where) {
    for (ParamType type : ParamType.values()) {
      if (type.word().equals(word)) {
        return type;
      }
    }
    throw new InvalidInputException(
        "unknown parameter type '" + word + "'",
        where.location(),
        Suggestions.hint(word, ParamType.words()));
  }

  private static Optional<Double> number(MapReader fields, String key) {
    return fields
        .find(key)
        .map(
            node -> {
              if (node instanceof ScalarNode s
                  && (s.kind() == ScalarNode.Kind.INTEGER || s.kind() == ScalarNode.Kind.FLOAT)) {
                return Double.parseDouble(s.text());
              }
              throw new InvalidInputException(
                  fields.child(key) + ": expected a number, found " + node.describe(),
                  node.location(),
                  "write a number without quotes");
            });
  }

  private static Pattern pattern(String regex, MapReader fields) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException(
          fields.child("pattern") + ": invalid regular expression: " + e.getDescription(),
          fields.require("pattern").location(),
          "fix the regular expression");
    }
  }

  private static InvalidInputException missingProperties(MapReader fields) {
    return new InvalidInputException(
        fields.child("properties") + " is required for an object parameter",
        fields.location(),
        "list the nested parameters under 'properties:'");
  }
}
