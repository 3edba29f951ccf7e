package dev.paved.server.events;

import dev.paved.core.platform.Platform;
import dev.paved.server.auth.Access;
import dev.paved.server.auth.Principal;
import dev.paved.server.json.JsonMapping;
import io.javalin.http.sse.SseClient;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Live updates as Server-Sent Events: sync runs, changes, doctor findings. Each event belongs to a
 * team (or to everyone); a subscriber gets only the events of teams it may read. A subscriber that
 * cannot be written to is dropped.
 */
public final class EventHub {

  /** One subscriber: its connection and who it is. */
  private record Subscriber(SseClient client, Principal principal) {}

  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final Supplier<Platform> platform;

  public EventHub(Supplier<Platform> platform) {
    this.platform = platform;
  }

  public void subscribe(SseClient client, Principal principal) {
    Subscriber subscriber = new Subscriber(client, principal);
    subscribers.add(subscriber);
    client.onClose(() -> subscribers.remove(subscriber));
    client.sendEvent("hello", "{\"user\": \"" + principal.user() + "\"}");
    client.keepAlive();
  }

  /** Sends {@code data} as JSON to every subscriber that may read {@code team} (all when empty). */
  public void publish(String type, Optional<String> team, Object data) {
    if (subscribers.isEmpty()) {
      return;
    }
    String json = new JsonMapping().toJsonString(data, Object.class);
    Platform current = team.isPresent() ? platform.get() : null;
    for (Subscriber subscriber : subscribers) {
      if (team.isPresent() && !Access.canRead(subscriber.principal(), current, team.get())) {
        continue;
      }
      try {
        if (subscriber.client().terminated()) {
          subscribers.remove(subscriber);
        } else {
          subscriber.client().sendEvent(type, json);
        }
      } catch (RuntimeException e) {
        subscribers.remove(subscriber);
      }
    }
  }
}
