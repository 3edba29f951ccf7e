package dev.paved.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.core.error.NotFoundException;

/** Finds an app on the server by the name people type: {@code APP} or {@code TEAM/APP}. */
public final class ServerApps {

  private ServerApps() {}

  /**
   * The app's API path, {@code /api/v1/apps/TEAM/APP}, among the apps the caller may see on main;
   * {@code TEAM/APP} also names an app no longer on main (its history and a rollback still work).
   */
  public static String path(ApiClient client, String typed) {
    String team = typed.contains("/") ? typed.substring(0, typed.indexOf('/')) : "";
    String name = typed.contains("/") ? typed.substring(typed.indexOf('/') + 1) : typed;
    for (JsonNode app : client.get("/api/v1/apps").path("apps")) {
      if (app.path("app").asText().equals(name)
          && (team.isEmpty() || app.path("team").asText().equals(team))) {
        return "/api/v1/apps/" + app.path("team").asText() + "/" + name;
      }
    }
    if (!team.isEmpty()) {
      return "/api/v1/apps/" + team + "/" + name; // no longer on main: its history still is
    }
    throw new NotFoundException(
        "no app " + typed + " that you may see on " + client.server(),
        "list them with 'paved apps'; for an app no longer on main, name it TEAM/APP");
  }
}
