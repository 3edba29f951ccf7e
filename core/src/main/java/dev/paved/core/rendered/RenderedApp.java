package dev.paved.core.rendered;

import java.util.List;

/**
 * The complete output of one render: what a sync applies for this app in this environment.
 *
 * @param app the app name
 * @param team the team
 * @param environment the environment
 * @param target the target's name
 * @param path the golden path, {@code name@version}
 * @param objects the objects in apply order
 */
public record RenderedApp(
    String app,
    String team,
    String environment,
    String target,
    String path,
    List<RenderedObject> objects) {

  public RenderedApp {
    objects = List.copyOf(objects);
  }
}
