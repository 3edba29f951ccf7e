package dev.paved.server;

import dev.paved.server.audit.AuditLog;
import dev.paved.server.auth.FailureThrottle;
import dev.paved.server.auth.TokenStore;
import dev.paved.server.auth.UserStore;
import dev.paved.server.db.Database;
import dev.paved.server.events.EventHub;
import dev.paved.server.platform.Backend;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** What the server's routes work with; built once at start. */
public record Services(
    Database database,
    UserStore users,
    TokenStore tokens,
    AuditLog audit,
    FailureThrottle throttle,
    Backend backend,
    PrometheusMeterRegistry metrics,
    EventHub events,
    dev.paved.server.platform.AppCosts costs,
    Clock clock) {

  public static Services over(Database database, Backend backend, Clock clock) {
    EventHub events = new EventHub(backend::platform);
    backend.events(events);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(metrics);
    io.micrometer.core.instrument.Gauge.builder(
            "paved_shards_without_live_owner", backend, Services::shardsWithoutOwner)
        .description("Shards whose lease no live replica holds (several replicas only)")
        .register(metrics);
    return new Services(
        database,
        new UserStore(database, clock),
        new TokenStore(database, clock),
        new AuditLog(database, clock),
        new FailureThrottle(clock),
        backend,
        metrics,
        events,
        new dev.paved.server.platform.AppCosts(),
        clock);
  }

  private static double shardsWithoutOwner(Backend backend) {
    return backend
        .leases()
        .map(
            leases -> {
              java.time.Instant now = java.time.Instant.now();
              return leases.shards().stream()
                  .filter(s -> leases.owners().withoutOwner(s, now).isPresent())
                  .count();
            })
        .orElse(0L);
  }
}
