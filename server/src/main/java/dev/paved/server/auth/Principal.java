package dev.paved.server.auth;

import java.util.Map;
import java.util.Optional;

/** Who is calling: a user, their platform role and their role in each team. */
public record Principal(
    String user, String displayName, PlatformRole platformRole, Map<String, TeamRole> teams) {

  public Principal {
    teams = Map.copyOf(teams);
  }

  public boolean platform() {
    return platformRole == PlatformRole.PLATFORM;
  }

  public Optional<TeamRole> roleIn(String team) {
    return Optional.ofNullable(teams.get(team));
  }

  /** May read the team's apps, changes and costs. */
  public boolean canRead(String team) {
    return platformRole != PlatformRole.NONE || teams.containsKey(team);
  }

  /** May change the team's apps (open, approve, merge changes; roll back). */
  public boolean canChangeApps(String team) {
    return platform() || teams.containsKey(team);
  }

  /** May change the team's members. */
  public boolean canAdminister(String team) {
    return platform() || roleIn(team).filter(r -> r == TeamRole.ADMIN).isPresent();
  }
}
