package dev.paved.server.auth;

import dev.paved.core.error.NotAllowedException;
import dev.paved.core.platform.Platform;
import dev.paved.gitops.change.Actor;

/**
 * Who may see and change what. Team membership is read from the team files on main (the source of
 * truth, as the change requests check it); platform engineers and viewers see every team; viewers
 * change nothing.
 */
public final class Access {

  private Access() {}

  public static Actor actor(Principal principal) {
    if (principal.platformRole() == PlatformRole.VIEWER) {
      throw new NotAllowedException(
          principal.user() + " is a viewer and may not change anything",
          "ask a member of the team or a platform engineer");
    }
    return new Actor(principal.user(), principal.platform());
  }

  public static boolean canRead(Principal principal, Platform platform, String team) {
    return principal.platformRole() != PlatformRole.NONE
        || principal.teams().containsKey(team)
        || platform.team(team).members().contains(principal.user());
  }

  /**
   * The actor who may change the team's apps now (sync them by hand): a member of the team, or a
   * platform engineer; never a viewer.
   *
   * @throws NotAllowedException otherwise
   */
  public static Actor requireWrite(Principal principal, Platform platform, String team) {
    Actor actor = actor(principal);
    if (!actor.platform()
        && !principal.teams().containsKey(team)
        && !platform.team(team).members().contains(principal.user())) {
      throw new NotAllowedException(
          principal.user() + " may not change the apps of team " + team,
          "ask a member of " + team + " or a platform engineer");
    }
    return actor;
  }

  public static void requireRead(Principal principal, Platform platform, String team) {
    if (!canRead(principal, platform, team)) {
      throw new NotAllowedException(
          principal.user() + " is not a member of team " + team,
          "ask a member of " + team + " to add you to platform/teams/" + team + ".yaml");
    }
  }
}
