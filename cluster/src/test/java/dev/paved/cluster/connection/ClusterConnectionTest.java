package dev.paved.cluster.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.health.HealthStatus;
import dev.paved.cluster.object.ObjectRef;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reachability and backoff, with a probe and a clock the test controls. */
class ClusterConnectionTest {

  /** A clock the test moves by hand. */
  static final class ManualClock implements InstantSource {
    Instant now = Instant.parse("2026-11-26T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }
  }

  /** A probe that fails while {@code down} holds a reason, and counts its calls. */
  static final class SwitchableProbe implements Probe {
    final AtomicReference<String> down = new AtomicReference<>("");
    int calls;

    @Override
    public void ping(KubernetesClient client) {
      calls++;
      if (!down.get().isEmpty()) {
        throw new IllegalStateException(down.get());
      }
    }
  }

  private final ManualClock clock = new ManualClock();
  private final SwitchableProbe probe = new SwitchableProbe();
  private final List<KubernetesClient> made = new java.util.ArrayList<>();
  private final ClusterConnection connection =
      new ClusterConnection(
          new ClusterConnection.Target("eks-prod", this::client),
          probe,
          new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)),
          clock,
          List.of());

  /** A client to nowhere: the probe is fake, the client is never used to connect. */
  private KubernetesClient client() {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
            .build();
    made.add(client);
    return client;
  }

  @AfterEach
  void close() {
    connection.close();
  }

  @Test
  void aClusterThatAnswersIsReachableFromTheFirstCheck() {
    assertThat(connection.check()).isEqualTo(new Reachability.Reachable(clock.now));
  }

  @Test
  void anUnreachableClusterIsProbedOnlyWhenItsBackoffHasElapsed() {
    probe.down.set("connect timed out");
    Reachability first = connection.check();
    assertThat(first)
        .isInstanceOfSatisfying(
            Reachability.Unreachable.class,
            u -> {
              assertThat(u.failures()).isEqualTo(1);
              assertThat(u.reason()).isEqualTo("connect timed out");
              assertThat(u.nextTry()).isEqualTo(clock.now.plusSeconds(1));
            });
    connection.check();
    assertThat(probe.calls).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(connection.check())
        .isInstanceOfSatisfying(
            Reachability.Unreachable.class,
            u -> {
              assertThat(u.failures()).isEqualTo(2);
              assertThat(u.nextTry()).isEqualTo(clock.now.plusSeconds(2));
            });
    assertThat(probe.calls).isEqualTo(2);
  }

  @Test
  void recoversWhenTheClusterAnswersAgainAndForgetsItsFailures() {
    probe.down.set("connection refused");
    connection.check();
    clock.advance(Duration.ofSeconds(1));
    connection.check();
    probe.down.set("");
    clock.advance(Duration.ofSeconds(2));
    assertThat(connection.check()).isEqualTo(new Reachability.Reachable(clock.now));

    assertThat(made).as("a new client for each try after the first failure").hasSize(3);
    assertThat(connection.client()).isSameAs(made.getLast());

    probe.down.set("connection refused");
    clock.advance(Duration.ofSeconds(5));
    assertThat(connection.check())
        .isInstanceOfSatisfying(
            Reachability.Unreachable.class, u -> assertThat(u.failures()).isEqualTo(1));
  }

  @Test
  void everyObjectOfAnUnreachableClusterIsUnknownWithTheReason() {
    probe.down.set("connection refused");
    connection.check();
    List<ObjectRef> refs =
        List.of(
            new ObjectRef("apps/v1", "Deployment", "search-prod", "api"),
            new ObjectRef("v1", "Service", "search-prod", "api"));
    var health = connection.health(refs);
    assertThat(health.objects().values())
        .allSatisfy(h -> assertThat(h.status()).isEqualTo(HealthStatus.UNKNOWN));
    assertThat(health.overall().message())
        .contains("eks-prod", "unreachable", "connection refused");
  }

  @Test
  void oneConnectionPerTargetIsOpenedAndShared() {
    List<String> opened = new java.util.ArrayList<>();
    try (ClusterConnections connections =
        new ClusterConnections(
            name -> {
              opened.add(name);
              return new ClusterConnection(
                  new ClusterConnection.Target(name, this::client),
                  probe,
                  Backoff.DEFAULT,
                  clock,
                  List.of());
            })) {
      assertThat(connections.of("gke")).isSameAs(connections.of("gke"));
      connections.of("eks");
      assertThat(opened).containsExactly("gke", "eks");
      assertThat(connections.checkAll()).containsOnlyKeys("eks", "gke");
    }
  }
}
