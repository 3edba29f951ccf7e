package dev.paved.server.portal;

import dev.paved.server.auth.Principal;
import java.util.List;
import java.util.Optional;

/**
 * What every page's frame shows: who is signed in, where they are, the form token, and a banner.
 *
 * @param user the signed-in user's id
 * @param displayName their name
 * @param platform whether they have the platform role (the platform pages are theirs)
 * @param csrf the token every form of the page sends back
 * @param section the navigation entry to mark as current
 * @param title the page title
 * @param teams the teams the user belongs to, for the team link
 * @param banner a message above the page (an error or a notice)
 */
public record Chrome(
    String user,
    String displayName,
    boolean platform,
    String csrf,
    String section,
    String title,
    List<String> teams,
    Optional<Banner> banner) {

  public Chrome {
    teams = List.copyOf(teams);
  }

  /** A message above the page: {@code error} ones are announced to screen readers at once. */
  public record Banner(String kind, String message, String hint) {}

  static Chrome of(Principal principal, String csrf, String section, String title) {
    return new Chrome(
        principal.user(),
        principal.displayName(),
        principal.platform(),
        csrf,
        section,
        title,
        principal.teams().keySet().stream().sorted().toList(),
        Optional.empty());
  }

  public Chrome with(Banner banner) {
    return new Chrome(
        user, displayName, platform, csrf, section, title, teams, Optional.of(banner));
  }
}
