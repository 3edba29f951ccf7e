package dev.paved.server.http;

import dev.paved.server.Services;

/** {@code GET /api/v1/events}: the live update stream (Server-Sent Events). */
public final class EventRoutes {

  private EventRoutes() {}

  public static void register(Routes routes, Services services) {
    routes.sse(
        "/api/v1/events",
        client -> services.events().subscribe(client, Authentication.principal(client.ctx())));
  }
}
