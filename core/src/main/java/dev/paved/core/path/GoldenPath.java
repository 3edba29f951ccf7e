package dev.paved.core.path;

import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.error.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded, type-checked golden path.
 *
 * @param name the path's name, as app specs refer to it
 * @param version its version
 * @param description one paragraph for the gallery and docs
 * @param workload what it runs: {@code service}, {@code job} or {@code notebook}
 * @param parameters the compact parameter schema, in order
 * @param vars named expressions evaluated once per render, readable as {@code vars.NAME}
 * @param validations rules across parameters, checked before rendering
 * @param resources the resource templates, in order
 * @param source the file it was read from
 */
public record GoldenPath(
    String name,
    PathVersion version,
    String description,
    String workload,
    Map<String, Parameter> parameters,
    Map<String, CompiledExpression> vars,
    List<PathValidation> validations,
    List<ResourceTemplate> resources,
    SourceLocation source) {

  public GoldenPath {
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    validations = List.copyOf(validations);
    resources = List.copyOf(resources);
  }

  /** {@code name@version}. */
  public String ref() {
    return name + "@" + version;
  }
}
