package dev.paved.core.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A team: who is in it, its namespace per environment, and its monthly budget.
 *
 * @param name the team's name
 * @param members user names or emails
 * @param namespaces namespace per environment; unlisted environments use {@code <team>-<env>}
 * @param monthlyBudget dollars per month, if set
 */
public record Team(
    String name,
    List<String> members,
    Map<String, String> namespaces,
    Optional<Double> monthlyBudget) {

  public Team {
    members = List.copyOf(members);
    namespaces = Map.copyOf(namespaces);
  }

  /** A team with no file: default namespaces, no members, no budget. */
  public static Team implicit(String name) {
    return new Team(name, List.of(), Map.of(), Optional.empty());
  }

  public String namespaceFor(String environment) {
    return namespaces.getOrDefault(environment, name + "-" + environment);
  }
}
