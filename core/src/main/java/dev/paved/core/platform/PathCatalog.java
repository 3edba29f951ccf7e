package dev.paved.core.platform;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.spec.PathRef;
import dev.paved.core.text.Suggestions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The golden paths available, every version of each. Immutable. */
public record PathCatalog(List<GoldenPath> paths) {

  public PathCatalog {
    paths =
        paths.stream()
            .sorted(Comparator.comparing(GoldenPath::name).thenComparing(GoldenPath::version))
            .toList();
  }

  /** Path names, sorted. */
  public List<String> names() {
    return paths.stream().map(GoldenPath::name).distinct().toList();
  }

  /** The newest version of each path. */
  public List<GoldenPath> latest() {
    return names().stream().map(name -> find(name, Optional.empty()).orElseThrow()).toList();
  }

  /** The newest version of {@code name} matching the pin, if any. */
  public Optional<GoldenPath> find(String name, Optional<String> pin) {
    return paths.stream()
        .filter(p -> p.name().equals(name))
        .filter(p -> pin.map(v -> p.version().matches(v)).orElse(true))
        .max(Comparator.comparing(GoldenPath::version));
  }

  /** The path a spec refers to; fails with the spec's position when it does not exist. */
  public GoldenPath require(PathRef ref) {
    return find(ref.name(), ref.pin()).orElseThrow(() -> missing(ref));
  }

  private InvalidInputException missing(PathRef ref) {
    if (names().contains(ref.name())) {
      List<String> versions =
          paths.stream()
              .filter(p -> p.name().equals(ref.name()))
              .map(p -> p.version().toString())
              .toList();
      return new InvalidInputException(
          "path: golden path '"
              + ref.name()
              + "' has no version matching '"
              + ref.pin().orElse("")
              + "'",
          ref.location(),
          "available versions: " + String.join(", ", versions));
    }
    return new InvalidInputException(
        "path: unknown golden path '" + ref.name() + "'",
        ref.location(),
        Suggestions.hint(ref.name(), names()));
  }
}
