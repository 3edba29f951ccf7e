package dev.paved.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.cache.ClusterCache;
import dev.paved.cluster.cache.WatchedKind;
import dev.paved.cluster.diff.Drift;
import dev.paved.cluster.diff.DriftDetector;
import dev.paved.cluster.health.AppStatusReader;
import dev.paved.cluster.health.HealthStatus;
import dev.paved.cluster.health.ObjectHealth;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.prune.CachedObjects;
import dev.paved.cluster.prune.InventoryStore;
import dev.paved.cluster.prune.PruneResult;
import dev.paved.cluster.prune.Pruner;
import dev.paved.cluster.sync.AppSync;
import dev.paved.cluster.sync.Release;
import dev.paved.cluster.sync.SyncResult;
import dev.paved.testing.faults.InterceptedClients;
import dev.paved.testing.faults.RequestLog;
import dev.paved.testing.sandbox.SandboxNamespace;
import dev.paved.testing.sandbox.SandboxTest;
import dev.paved.testing.sandbox.TestApps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sync, drift and health from shared informers against the sandbox's kube-apiserver: what the watch
 * delivers replaces polling, and a resync of an unchanged app sends no request at all.
 */
@SandboxTest
class ClusterCacheIT {

  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String WEB =
      """
      apiVersion: paved.dev/v1alpha1
      kind: App
      app: %s
      team: search
      path: web-service
      with: {image: 'ghcr.io/example/api:1.0.0', replicas: {min: 2, max: 2}}
      """;

  private final KubernetesClient client;
  private final String namespace;
  private final RequestLog log = new RequestLog();
  private KubernetesClient logged;
  private ClusterCache cache;

  ClusterCacheIT(KubernetesClient client, SandboxNamespace namespace) {
    this.client = client;
    this.namespace = namespace.name();
  }

  @BeforeEach
  void startCache() {
    logged = InterceptedClients.of(client, log);
    cache = ClusterCache.start(logged, WatchedKind.PAVED_KINDS);
    assertThat(cache.awaitSynced(BOUND)).isTrue();
  }

  @AfterEach
  void stopCache() {
    cache.close();
    logged.close();
  }

  private AppSync sync() {
    return new AppSync(
        new Applier(logged, cache),
        new InventoryStore(logged, cache),
        new CachedObjects(cache, logged),
        Pruner.DEFAULT_MAX_SHARE);
  }

  private Release release(String app, List<Map<String, Object>> objects) {
    return new Release(app, namespace, "r1", objects, true);
  }

  private void awaitCached(List<Map<String, Object>> objects, String app) {
    await()
        .atMost(BOUND)
        .until(
            () ->
                objects.stream().allMatch(o -> cache.find(ObjectRef.of(o)).isPresent())
                    && cache
                        .find(new ObjectRef("v1", "ConfigMap", namespace, InventoryStore.name(app)))
                        .isPresent());
  }

  @Test
  void aResyncOfAnUnchangedAppSendsNoRequestAtAll() {
    List<Map<String, Object>> objects = TestApps.render(WEB.formatted("quiet"), "dev", namespace);
    SyncResult first = sync().sync(release("quiet", objects));
    assertThat(first.succeeded()).isTrue();
    assertThat(first.applied()).allMatch(ApplyOutcome.Created.class::isInstance);
    awaitCached(objects, "quiet");

    log.clear();
    SyncResult second = sync().sync(release("quiet", objects));
    assertThat(second.noOp()).as(second.toString()).isTrue();
    assertThat(log.requests()).as("requests sent by the resync").isEmpty();
  }

  @Test
  void anObjectThatLeftTheReleaseIsPrunedAndForgottenByTheInventory() {
    List<Map<String, Object>> objects = TestApps.render(WEB.formatted("lean"), "dev", namespace);
    sync().sync(release("lean", objects));
    awaitCached(objects, "lean");
    Map<String, Object> dropped =
        objects.stream()
            .filter(o -> o.get("kind").equals("NetworkPolicy"))
            .findFirst()
            .orElseThrow();
    List<Map<String, Object>> fewer = objects.stream().filter(o -> o != dropped).toList();

    SyncResult result = sync().sync(release("lean", fewer));
    assertThat(result.pruned())
        .isInstanceOfSatisfying(
            PruneResult.Pruned.class,
            p -> assertThat(p.deleted()).containsExactly(ObjectRef.of(dropped)));
    assertThat(ObjectRef.of(dropped).in(client).get()).isNull();
    assertThat(new InventoryStore(client).read(namespace, "lean").orElseThrow().objects())
        .doesNotContain(ObjectRef.of(dropped))
        .hasSize(fewer.size());
  }

  @Test
  void aHandEditArrivesByWatchAndIsListedAsDriftFromTheCache() {
    List<Map<String, Object>> objects = TestApps.render(WEB.formatted("edited"), "dev", namespace);
    sync().sync(release("edited", objects));
    awaitCached(objects, "edited");
    ObjectRef deployment = new ObjectRef("apps/v1", "Deployment", namespace, "edited");
    List<ObjectRef> changes = new CopyOnWriteArrayList<>();
    cache.onChange(changes::add);

    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("edited")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":5}}");

    await().atMost(BOUND).until(() -> changes.contains(deployment));
    log.clear();
    List<Drift> drifts = new DriftDetector(cache).detect(objects);
    assertThat(drifts)
        .singleElement()
        .isInstanceOfSatisfying(
            Drift.Changed.class,
            d ->
                assertThat(d.fields())
                    .containsExactly(new Drift.FieldChange("spec.replicas", "2", "5")));
    assertThat(log.requests()).as("drift is read from memory").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRolloutIsFollowedFromWatchEventsThroughProgressingToHealthy() {
    List<HealthStatus> seen = new CopyOnWriteArrayList<>();
    ObjectRef deployment = new ObjectRef("apps/v1", "Deployment", namespace, "rolling");
    cache.onChange(
        ref -> {
          if (ref.equals(deployment)) {
            cache
                .find(ref)
                .ifPresent(
                    live ->
                        seen.add(
                            ObjectHealth.of(
                                    Serialization.unmarshal(Serialization.asJson(live), Map.class))
                                .status()));
          }
        });
    List<Map<String, Object>> objects = TestApps.render(WEB.formatted("rolling"), "dev", namespace);
    sync().sync(release("rolling", objects));

    await().atMost(BOUND).until(() -> seen.contains(HealthStatus.HEALTHY));
    assertThat(seen.getFirst()).isEqualTo(HealthStatus.PROGRESSING);
    List<ObjectRef> refs = objects.stream().map(ObjectRef::of).toList();
    assertThat(new AppStatusReader(cache).read(refs).overall().status())
        .isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void aCacheThatLostItsWatchPrunesNothingAndMakesTheAppUnknown() {
    List<Map<String, Object>> objects = TestApps.render(WEB.formatted("blind"), "dev", namespace);
    sync().sync(release("blind", objects));
    awaitCached(objects, "blind");
    cache.close();

    PruneResult pruned =
        new Pruner(new CachedObjects(cache, logged), 1.0)
            .prune(
                Set.of(ObjectRef.of(objects.getFirst())),
                true,
                new InventoryStore(client).read(namespace, "blind"));
    assertThat(pruned)
        .isInstanceOfSatisfying(
            PruneResult.Refused.class, r -> assertThat(r.reason()).contains("watch"));
    List<ObjectRef> refs = objects.stream().map(ObjectRef::of).toList();
    refs.forEach(ref -> assertThat(ref.in(client).get()).isNotNull());
    var health = new AppStatusReader(cache).read(refs).overall();
    assertThat(health.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(health.message()).contains("watch");
  }
}
