package dev.paved.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.gitops.sync.Shards;
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
 * leader; a replica that joins gets its fair share; a replica cut off the API server (it can
 * neither renew nor release) gives its shards up before the leases run out, and another takes them,
 * and when it is back it competes again and gets a share; a replica that stops cleanly hands them
 * over at once; a shard nobody renews is reported by every replica until one takes it over.
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
  void aJoiningReplicaGetsItsShareACutOffOnesShardsMoveAndItCompetesAgainWhenBack()
      throws Exception {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    List<String> events = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean();
    KubernetesClient doomed = cutOff(cut); // the replica cut off the API server
    ShardLeases a = start(doomed, "replica-a", events);
    await().atMost(Duration.ofSeconds(20)).until(() -> a.owned().size() == SHARDS.size());
    try (ShardLeases b = start(client, "replica-b", events)) {
      // a second replica joins: the first gives up what is beyond its fair share, and b takes it
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(a.owned()).hasSize(2);
                assertThat(b.owned()).hasSize(1);
              });
      assertThat(disjoint(a.owned(), b.owned())).isTrue();
      String moved = b.owned().iterator().next();
      assertThat(events)
          .containsSubsequence("replica-a lost " + moved, "replica-b gained " + moved);

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

      cut.set(false); // back: a competes again (its electors ended with the lead) and gets a share
      await()
          .atMost(Duration.ofSeconds(40))
          .untilAsserted(
              () -> {
                assertThat(a.owned()).hasSize(1);
                assertThat(b.owned()).hasSize(2);
              });
      assertThat(disjoint(a.owned(), b.owned())).isTrue();
      a.close();
      doomed.close();
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(b.owned()).containsExactlyInAnyOrderElementsOf(SHARDS));

      ShardLeases c = start(client, "replica-c", events);
      try (c) {
        await().atMost(Duration.ofSeconds(30)).until(() -> c.owned().size() == 1);
        assertThat(disjoint(b.owned(), c.owned())).isTrue();
        b.close(); // a clean stop releases the leases
        await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(() -> assertThat(c.owned()).containsExactlyInAnyOrderElementsOf(SHARDS));
        assertThat(holders()).containsOnly("replica-c");
        assertThat(disjoint(b.owned(), c.owned())).isTrue();
      }
    }
  }

  @Test
  void aShardWhoseOwnerStoppedIsReportedUntilAnotherTakesItOver() throws Exception {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    List<String> events = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean();
    KubernetesClient doomed = cutOff(cut);
    ShardLeases a = start(doomed, "replica-a", events);
    // a replica that competes for nothing (its shards were not known yet) still reads the leases
    ShardLeases watcher =
        ShardLeases.start(client, namespace, "watcher", List.of(), FAST, s -> {}, s -> {});
    try (watcher) {
      await().atMost(Duration.ofSeconds(20)).until(() -> a.owned().size() == SHARDS.size());
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(watcher.owners().withoutOwner(SHARDS.get(0), java.time.Instant.now()))
                      .isEmpty());

      cut.set(true);

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(watcher.owners().withoutOwner(SHARDS.get(0), java.time.Instant.now()))
                      .hasValueSatisfying(
                          why ->
                              assertThat(why)
                                  .contains(SHARDS.get(0))
                                  .contains("no live owner")
                                  .contains("replica-a")));
      try (ShardLeases b = start(client, "replica-b", events)) {
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> {
                  assertThat(b.owned()).containsExactlyInAnyOrderElementsOf(SHARDS);
                  assertThat(watcher.owners().withoutOwner(SHARDS.get(0), java.time.Instant.now()))
                      .isEmpty();
                });
      }
    } finally {
      a.close();
      doomed.close();
    }
  }

  private static boolean disjoint(Set<String> one, Set<String> other) {
    Set<String> both = new HashSet<>(one);
    both.retainAll(other);
    return both.isEmpty();
  }

  /** A client whose requests go nowhere once {@code cut} is set. */
  private KubernetesClient cutOff(java.util.concurrent.atomic.AtomicBoolean cut) {
    return dev.paved.testing.faults.InterceptedClients.of(
        client,
        new io.fabric8.kubernetes.client.http.Interceptor() {
          @Override
          public void before(
              io.fabric8.kubernetes.client.http.BasicBuilder builder,
              io.fabric8.kubernetes.client.http.HttpRequest request,
              io.fabric8.kubernetes.client.http.Interceptor.RequestTags tags) {
            if (cut.get()) {
              builder.uri(java.net.URI.create("http://127.0.0.1:9" + request.uri().getPath()));
            }
          }
        });
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
        .filter(l -> l.getMetadata().getName().startsWith(ShardLeases.PREFIX))
        .map(l -> l.getSpec().getHolderIdentity())
        .toList();
  }
}
