package dev.paved.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers routes and remembers them, so a test can hold the OpenAPI document against what the
 * server really serves.
 */
public final class Routes {

  /** One route: method and Javalin path ({@code /api/v1/tokens/{id}}). */
  public record Route(String method, String path) {}

  private final JavalinConfig config;
  private final List<Route> registered = new ArrayList<>();

  public Routes(JavalinConfig config) {
    this.config = config;
  }

  public Routes get(String path, Handler handler) {
    return add(HandlerType.GET, path, handler);
  }

  public Routes post(String path, Handler handler) {
    return add(HandlerType.POST, path, handler);
  }

  public Routes delete(String path, Handler handler) {
    return add(HandlerType.DELETE, path, handler);
  }

  /** A Server-Sent Events stream, served to GET. */
  public Routes sse(
      String path, java.util.function.Consumer<io.javalin.http.sse.SseClient> client) {
    config.routes.sse(path, client);
    registered.add(new Route("GET", path));
    return this;
  }

  private Routes add(HandlerType type, String path, Handler handler) {
    config.routes.addHttpHandler(type, path, handler);
    registered.add(new Route(type.name(), path));
    return this;
  }

  public List<Route> registered() {
    return List.copyOf(registered);
  }
}
