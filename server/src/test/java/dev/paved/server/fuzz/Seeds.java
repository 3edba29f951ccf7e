package dev.paved.server.fuzz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Valid values by parameter or field name ({@code team}, {@code id}, {@code spec}), taken from the
 * server under test: real teams, a real open change, a real commit. Mutations start from these, so
 * a request gets past the first check often enough to reach the code behind it. A name without
 * seeds gets random text, so a new endpoint is still fuzzed.
 */
public record Seeds(Map<String, List<String>> byName) {

  public Seeds {
    byName = Map.copyOf(byName);
  }

  public Optional<String> pick(String name, RandomGenerator random) {
    List<String> values = byName.getOrDefault(name, List.of());
    return values.isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(random.nextInt(values.size())));
  }

  /** A seed, or plain text when there is none for the name. */
  public String valid(String name, RandomGenerator random) {
    return pick(name, random).orElse("fuzz" + random.nextInt(1000));
  }
}
