package dev.paved.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.cluster.prune.ClusterObjects;
import dev.paved.cluster.prune.Inventory;
import dev.paved.cluster.prune.InventoryStore;
import dev.paved.cluster.prune.PruneResult;
import dev.paved.cluster.prune.Pruner;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import dev.paved.testing.faults.BrokenContinuation;
import dev.paved.testing.faults.InterceptedClients;
import dev.paved.testing.sandbox.SandboxNamespace;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Inventory and prune against the sandbox's kube-apiserver. */
@SandboxTest
class PruneIT {

  private final KubernetesClient client;
  private final String namespace;

  PruneIT(KubernetesClient client, SandboxNamespace namespace) {
    this.client = client;
    this.namespace = namespace.name();
  }

  private Map<String, Object> configMap(String name, boolean keep) {
    Map<String, Object> metadata = new HashMap<>(Map.of("name", name, "namespace", namespace));
    if (keep) {
      metadata.put("annotations", Map.of(Pruner.KEEP_ANNOTATION, "false"));
    }
    return Map.of(
        "apiVersion", "v1", "kind", "ConfigMap", "metadata", metadata, "data", Map.of("k", name));
  }

  private Set<ObjectRef> applyAndRecord(String app, List<Map<String, Object>> objects) {
    List<ApplyOutcome> outcomes = new Applier(client).apply(objects);
    assertThat(outcomes).noneMatch(o -> o instanceof ApplyOutcome.Failed);
    Set<ObjectRef> refs =
        outcomes.stream()
            .map(ApplyOutcome::ref)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    new InventoryStore(client).write(new Inventory(app, namespace, refs));
    return refs;
  }

  @Test
  void anObjectRemovedFromTheDesiredSetIsPrunedAndAKeptOneStays() {
    applyAndRecord(
        "shop",
        List.of(
            configMap("a", false),
            configMap("b", false),
            configMap("c", false),
            configMap("d", true)));
    Optional<Inventory> before = new InventoryStore(client).read(namespace, "shop");
    assertThat(before).get().extracting(i -> i.objects().size()).isEqualTo(4);
    Set<ObjectRef> desired =
        Set.copyOf(
            new Applier(client)
                .apply(List.of(configMap("a", false), configMap("b", false))).stream()
                    .map(ApplyOutcome::ref)
                    .toList());
    PruneResult result =
        new Pruner(new ClusterObjects(client), Pruner.DEFAULT_MAX_SHARE)
            .prune(desired, true, before);
    assertThat(result)
        .isInstanceOfSatisfying(
            PruneResult.Pruned.class,
            p -> {
              assertThat(p.deleted()).extracting(ObjectRef::name).containsExactly("c");
              assertThat(p.kept()).extracting(ObjectRef::name).containsExactly("d");
            });
    assertThat(client.configMaps().inNamespace(namespace).withName("c").get()).isNull();
    assertThat(client.configMaps().inNamespace(namespace).withName("d").get()).isNotNull();
  }

  @Test
  void anEmptyDesiredSetPrunesNothing() {
    applyAndRecord("cart", List.of(configMap("x", false)));
    PruneResult result =
        new Pruner(new ClusterObjects(client), 1.0)
            .prune(Set.of(), true, new InventoryStore(client).read(namespace, "cart"));
    assertThat(result).isInstanceOf(PruneResult.Refused.class);
    assertThat(client.configMaps().inNamespace(namespace).withName("x").get()).isNotNull();
  }

  @Test
  void aDesiredSetFromAFailedRenderPrunesNothing() {
    Set<ObjectRef> refs =
        applyAndRecord("feed", List.of(configMap("f1", false), configMap("f2", false)));
    PruneResult result =
        new Pruner(new ClusterObjects(client), 1.0)
            .prune(
                Set.of(refs.iterator().next()),
                false,
                new InventoryStore(client).read(namespace, "feed"));
    assertThat(result)
        .isInstanceOfSatisfying(
            PruneResult.Refused.class, r -> assertThat(r.reason()).contains("incomplete"));
    assertThat(client.configMaps().inNamespace(namespace).withName("f2").get()).isNotNull();
  }

  @Test
  void aPruneOfMoreThanHalfTheAppStopsAndDeletesNothing() {
    applyAndRecord(
        "ads", List.of(configMap("p1", false), configMap("p2", false), configMap("p3", false)));
    Set<ObjectRef> desired =
        Set.copyOf(
            new Applier(client)
                .apply(List.of(configMap("p1", false))).stream().map(ApplyOutcome::ref).toList());
    PruneResult result =
        new Pruner(new ClusterObjects(client), Pruner.DEFAULT_MAX_SHARE)
            .prune(desired, true, new InventoryStore(client).read(namespace, "ads"));
    assertThat(result)
        .isInstanceOfSatisfying(
            PruneResult.Refused.class,
            r -> assertThat(r.reason()).contains("would delete 2 of the app's 3 objects"));
    assertThat(client.configMaps().inNamespace(namespace).list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .contains("p2", "p3");
  }

  @Test
  @Reliability(
      area = Area.FAULTS,
      value = "a partial LIST during prune (one page refused by the API server)")
  void anApiErrorInTheMiddleOfAListPrunesNothingThenTheSamePruneSucceedsOnceTheListIsWhole(
      Tally tally) {
    tally.counting("broken pages, at every page of 3 page sizes");
    List<Map<String, Object>> objects = new java.util.ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      objects.add(configMap("m" + i, false));
    }
    applyAndRecord("maps", objects);
    Optional<Inventory> inventory = new InventoryStore(client).read(namespace, "maps");
    Set<ObjectRef> desired =
        inventory.orElseThrow().objects().stream()
            .filter(r -> !r.name().equals("m5") && !r.name().equals("m6"))
            .collect(Collectors.toSet());

    for (int pageSize = 1; pageSize <= 3; pageSize++) {
      for (int page = 1; ; page++) {
        BrokenContinuation fault = new BrokenContinuation(page);
        PruneResult refused;
        try (KubernetesClient faulty = InterceptedClients.of(client, fault)) {
          refused =
              new Pruner(new ClusterObjects(faulty, pageSize), Pruner.DEFAULT_MAX_SHARE)
                  .prune(desired, true, inventory);
        }
        if (fault.broken() == 0) {
          // past the last page: nothing was broken, so that prune was real; put the two back
          assertThat(page).as("at least one page broken at size " + pageSize).isGreaterThan(1);
          assertThat(refused).isInstanceOf(PruneResult.Pruned.class);
          applyAndRecord("maps", objects);
          inventory = new InventoryStore(client).read(namespace, "maps");
          break;
        }
        tally.add();
        assertThat(refused)
            .as("page " + page + " of size " + pageSize)
            .isInstanceOfSatisfying(
                PruneResult.Refused.class,
                r -> {
                  assertThat(r.reason()).contains("could not read the cluster completely");
                  assertThat(r.deletedBeforeTheError()).isEmpty();
                });
        assertThat(client.configMaps().inNamespace(namespace).withName("m5").get()).isNotNull();
        assertThat(client.configMaps().inNamespace(namespace).withName("m6").get()).isNotNull();
      }
    }

    PruneResult pruned =
        new Pruner(new ClusterObjects(client, 2), Pruner.DEFAULT_MAX_SHARE)
            .prune(desired, true, inventory);
    assertThat(pruned)
        .isInstanceOfSatisfying(
            PruneResult.Pruned.class,
            p -> assertThat(p.deleted()).extracting(ObjectRef::name).containsOnly("m5", "m6"));
    tally.held(
        "every injection: prune refused, 0 objects deleted; the same prune with whole lists deleted"
            + " exactly the 2 objects that left");
  }
}
