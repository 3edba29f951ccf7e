package dev.paved.server.platform;

import dev.paved.cluster.health.Health;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.AppStatus;
import dev.paved.gitops.sync.EnvironmentSyncer;
import dev.paved.server.events.EventHub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Publishes a {@code status} event whenever an app's health, reason or revision changes after a
 * sync: pods turning ready are not sync events, yet the portal and {@code deploy --wait} want to
 * see them at once. Only apps synced lately are looked at (every 2 s, for 15 minutes after their
 * last sync, and as long as they are not Healthy), so the cost follows what is moving, not the size
 * of the platform. Thread-safe; one virtual thread.
 */
final class StatusPublisher implements AutoCloseable {

  static final Duration PERIOD = Duration.ofSeconds(2);
  private static final Duration FOLLOW = Duration.ofMinutes(15);
  private static final int MAX_FOLLOWED = 2_000;

  /** What was last said about a deployment, and until when to keep looking. */
  private record Followed(Optional<String> said, Instant until) {}

  private final Map<Deployment, Followed> followed = new ConcurrentHashMap<>();
  private final EnvironmentSyncer syncer;
  private final Supplier<EventHub> events;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;

  StatusPublisher(EnvironmentSyncer syncer, Supplier<EventHub> events, Clock clock) {
    this.syncer = syncer;
    this.events = events;
    this.clock = clock;
    this.thread = Thread.ofVirtual().name("paved-status").start(this::loop);
  }

  /** Starts (or keeps) following a deployment that was just synced. */
  void synced(Deployment deployment) {
    if (followed.size() >= MAX_FOLLOWED && !followed.containsKey(deployment)) {
      return; // a sync storm: the periodic status polls of the pages still work
    }
    followed.merge(
        deployment,
        new Followed(Optional.empty(), clock.instant().plus(FOLLOW)),
        (before, fresh) -> new Followed(before.said(), fresh.until()));
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(PERIOD);
        pass();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        System.getLogger(StatusPublisher.class.getName())
            .log(System.Logger.Level.WARNING, "status pass failed; next in " + PERIOD, e);
      }
    }
  }

  /** One look at every followed deployment; publishes what changed. */
  void pass() {
    Instant now = clock.instant();
    followed.forEach(
        (deployment, state) -> {
          AppStatus status = syncer.status(deployment);
          Health health = status.health();
          String said =
              health.status().name() + "|" + health.message() + "|" + status.revision().orElse("");
          if (!state.said().equals(Optional.of(said))) {
            publish(status);
          }
          boolean settled = health.status().name().equals("HEALTHY") && now.isAfter(state.until());
          if (settled || now.isAfter(state.until().plus(FOLLOW))) {
            followed.remove(deployment);
          } else {
            followed.put(deployment, new Followed(Optional.of(said), state.until()));
          }
        });
  }

  private void publish(AppStatus status) {
    Deployment d = status.deployment();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("team", d.app().team());
    data.put("app", d.app().app());
    data.put("env", d.env());
    data.put("health", status.health().status().name());
    data.put("reason", status.health().message());
    status.revision().ifPresent(r -> data.put("revision", r));
    events.get().publish("status", Optional.of(d.app().team()), data);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
