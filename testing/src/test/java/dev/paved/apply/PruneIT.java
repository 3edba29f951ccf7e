package dev.paved.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.apply.ApplyOutcome;
import dev.paved.cluster.apply.ObjectRef;
import dev.paved.cluster.prune.ClusterObjects;
import dev.paved.cluster.prune.Inventory;
import dev.paved.cluster.prune.InventoryStore;
import dev.paved.cluster.prune.PruneResult;
import dev.paved.cluster.prune.Pruner;
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
}
