package dev.paved.core.platform;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.UsageException;
import dev.paved.core.policy.Policies;
import dev.paved.core.target.Target;
import dev.paved.core.text.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a render needs from the platform team: golden paths, targets, teams. Immutable.
 *
 * @param paths all golden paths, every version
 * @param targets targets by name
 * @param teams teams that have a file, by name
 * @param policies the platform's own rules and waivers
 */
public record Platform(
    PathCatalog paths, Map<String, Target> targets, Map<String, Team> teams, Policies policies) {

  public Platform {
    targets = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(targets));
    teams = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(teams));
  }

  /** The named target; an unknown name is a usage error listing the targets. */
  public Target requireTarget(String name) {
    Target target = targets.get(name);
    if (target == null) {
      throw new UsageException(
          "unknown target '" + name + "'", Suggestions.hint(name, targets.keySet()));
    }
    return target;
  }

  /** The first target (by name) that serves the environment. */
  public Target targetFor(String environment) {
    List<Target> serving =
        targets.values().stream().filter(t -> t.environments().contains(environment)).toList();
    if (serving.isEmpty()) {
      throw new InvalidInputException(
          "no target serves environment '" + environment + "'",
          "pass --target NAME, or add '"
              + environment
              + "' to a target's environments in platform/targets/");
    }
    return serving.getFirst();
  }

  /** The team's file, or an implicit team with default namespaces. */
  public Team team(String name) {
    return Optional.ofNullable(teams.get(name)).orElseGet(() -> Team.implicit(name));
  }
}
