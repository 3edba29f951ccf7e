package dev.paved.core.spec;

import dev.paved.core.error.SourceLocation;
import dev.paved.core.yaml.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, syntactically valid {@code paved.yaml}. Parameter values are checked later against the
 * golden path's schema, because the schema depends on the path and the target.
 *
 * @param app the app's name (DNS-1123 label)
 * @param team the owning team (DNS-1123 label)
 * @param path the golden path reference
 * @param with the parameter values common to all environments, if any
 * @param secrets the secrets the app needs, by name
 * @param environments per-environment overrides, by environment name
 * @param source the file it was read from
 */
public record AppSpec(
    String app,
    String team,
    PathRef path,
    Optional<MapNode> with,
    List<SecretRef> secrets,
    Map<String, EnvironmentOverride> environments,
    SourceLocation source) {

  /** What one environment changes. */
  public record EnvironmentOverride(Optional<MapNode> with, SourceLocation location) {}

  public AppSpec {
    secrets = List.copyOf(secrets);
    environments =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environments));
  }

  /** The {@code with} values for an environment: the common values with its overrides merged in. */
  public Optional<MapNode> withFor(String environment) {
    Optional<MapNode> override =
        Optional.ofNullable(environments.get(environment)).flatMap(EnvironmentOverride::with);
    if (override.isEmpty()) {
      return with;
    }
    if (with.isEmpty()) {
      return override;
    }
    return Optional.of(merge(with.get(), override.get()));
  }

  /** Secret names in written order. */
  public List<String> secretNames() {
    return secrets.stream().map(SecretRef::name).toList();
  }

  private static MapNode merge(MapNode base, MapNode override) {
    List<MapNode.Entry> entries = new ArrayList<>();
    for (MapNode.Entry entry : base.entries()) {
      Optional<MapNode.Entry> replacement =
          override.entries().stream().filter(o -> o.key().equals(entry.key())).findFirst();
      entries.add(replacement.map(r -> mergeEntry(entry, r)).orElse(entry));
    }
    for (MapNode.Entry entry : override.entries()) {
      if (base.find(entry.key()).isEmpty()) {
        entries.add(entry);
      }
    }
    return new MapNode(entries, base.location());
  }

  private static MapNode.Entry mergeEntry(MapNode.Entry base, MapNode.Entry override) {
    if (base.value() instanceof MapNode baseMap
        && override.value() instanceof MapNode overrideMap) {
      return new MapNode.Entry(base.key(), override.keyLocation(), merge(baseMap, overrideMap));
    }
    return override;
  }
}
