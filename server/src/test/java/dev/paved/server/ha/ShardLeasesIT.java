package dev.paved.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas competing for shard leases on the sandbox's real API server: every shard has exactly one
 * leader; a replica cut off the API server (it can neither renew nor release) gives its shards up
 * before the leases run out, and another takes them; a replica that stops cleanly hands them over
 * at once.
 */
@SandboxTest
class ShardLeasesIT {

  private static final ShardLeases.Timing FAST =
      new ShardLeases.Timing(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500));
  private static final List<String> SHARDS = new Shards(3).all(List.of("sandbox"));

  private final KubernetesClient client;
  private final String namespace = "paved-ha-" + Long.toString(System.nanoTime() % 1_000_000, 36);

  ShardLeasesIT(KubernetesClient client) {
    this.client = client;
  }

  @AfterEach
  void removeTheLeases() {
    client.namespaces().withName(namespace).delete();
  }

  @Test
  void aDeadReplicasShardsMoveToALiveOneAndACleanStopHandsThemOver() throws Exception {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    List<String> events = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean();
    KubernetesClient doomed =
        dev.paved.testing.faults.InterceptedClients.of(
            client,
            new io.fabric8.kubernetes.client.http.Interceptor() {
              @Override
              public void before(
                  io.fabric8.kubernetes.client.http.BasicBuilder builder,
                  io.fabric8.kubernetes.client.http.HttpRequest request,
                  io.fabric8.kubernetes.client.http.Interceptor.RequestTags tags) {
                if (cut.get()) {
                  // the replica is cut off: nothing it sends reaches the API server
                  builder.uri(java.net.URI.create("http://127.0.0.1:9" + request.uri().getPath()));
                }
              }
            });
    ShardLeases a = start(doomed, "replica-a", events);
    await().atMost(Duration.ofSeconds(20)).until(() -> a.owned().size() == SHARDS.size());
    try (ShardLeases b = start(client, "replica-b", events)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(b.leaders())
                      .as("b sees %s; a sees %s", b.leaders(), a.leaders())
                      .hasSize(SHARDS.size()));
      assertThat(b.owned()).isEmpty();
      assertThat(b.leaders().values()).containsOnly("replica-a");

      cut.set(true); // replica-a is cut off the API server: it can neither renew nor release

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(b.owned()).containsExactlyInAnyOrderElementsOf(SHARDS));
      assertThat(a.owned()).isEmpty();
      assertThat(holders()).containsOnly("replica-b");
      for (String shard : SHARDS) {
        // a cut-off leader stops (renew deadline) before the lease runs out for the others
        assertThat(events)
            .containsSubsequence("replica-a lost " + shard, "replica-b gained " + shard);
      }
      a.close();
      doomed.close();

      ShardLeases c = start(client, "replica-c", events);
      try (c) {
        await().atMost(Duration.ofSeconds(5)).until(() -> c.leaders().size() == SHARDS.size());
        b.close(); // a clean stop releases the leases
        await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertThat(c.owned()).containsExactlyInAnyOrderElementsOf(SHARDS));
        assertThat(holders()).containsOnly("replica-c");
        Set<String> ownedTwice = new HashSet<>(b.owned());
        ownedTwice.retainAll(c.owned());
        assertThat(ownedTwice).isEmpty();
      }
    }
  }

  private ShardLeases start(KubernetesClient on, String identity, List<String> events) {
    return ShardLeases.start(
        on,
        namespace,
        identity,
        SHARDS,
        FAST,
        shard -> events.add(identity + " gained " + shard),
        shard -> events.add(identity + " lost " + shard));
  }

  private List<String> holders() {
    return client.resources(Lease.class).inNamespace(namespace).list().getItems().stream()
        .map(l -> l.getSpec().getHolderIdentity())
        .toList();
  }
}
