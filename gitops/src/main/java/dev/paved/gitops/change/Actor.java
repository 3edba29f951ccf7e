package dev.paved.gitops.change;

/**
 * Who acts.
 *
 * @param name the user
 * @param platform whether the user has the platform role (may change platform files and any app)
 */
public record Actor(String name, boolean platform) {

  public static Actor member(String name) {
    return new Actor(name, false);
  }

  public static Actor platformEngineer(String name) {
    return new Actor(name, true);
  }
}
