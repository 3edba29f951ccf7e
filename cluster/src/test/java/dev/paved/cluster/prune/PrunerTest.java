package dev.paved.cluster.prune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.cluster.object.ObjectRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fail-closed rules of prune, with a fake cluster that can fail on demand. */
class PrunerTest {

  private static ObjectRef ref(String kind, String name) {
    return new ObjectRef("v1", kind, "search-dev", name);
  }

  private static final ObjectRef SA = ref("ServiceAccount", "chat");
  private static final ObjectRef SVC = ref("Service", "chat");
  private static final ObjectRef PVC = ref("PersistentVolumeClaim", "chat-cache");
  private static final ObjectRef CM = ref("ConfigMap", "chat");

  /**
   * A cluster in memory; deleting a ref in {@code failingDeletes} throws like an API error, and
   * {@code listFails} makes every read fail as a list cut short would.
   */
  static final class FakeCluster implements LiveObjects {
    final Map<ObjectRef, Map<String, String>> objects = new HashMap<>();
    final List<ObjectRef> failingDeletes = new ArrayList<>();
    boolean listFails;

    @Override
    public Map<ObjectRef, Map<String, String>> existing(Collection<ObjectRef> refs) {
      if (listFails) {
        throw new IllegalStateException("410 Gone: the continue token has expired");
      }
      Map<ObjectRef, Map<String, String>> found = new HashMap<>(objects);
      found.keySet().retainAll(refs);
      return found;
    }

    @Override
    public void delete(ObjectRef ref) {
      if (failingDeletes.contains(ref)) {
        throw new IllegalStateException("503 Service Unavailable");
      }
      objects.remove(ref);
    }
  }

  private final FakeCluster cluster = new FakeCluster();
  private final Pruner pruner = new Pruner(cluster, Pruner.DEFAULT_MAX_SHARE);

  private Optional<Inventory> inventory(ObjectRef... refs) {
    for (ObjectRef r : refs) {
      cluster.objects.putIfAbsent(r, Map.of());
    }
    return Optional.of(new Inventory("chat", "search-dev", Set.of(refs)));
  }

  @Test
  void deletesOnlyInventoryObjectsThatLeftACompleteDesiredSet() {
    PruneResult result = pruner.prune(Set.of(SA, SVC, PVC), true, inventory(SA, SVC, PVC, CM));
    assertThat(result).isEqualTo(new PruneResult.Pruned(List.of(CM), List.of()));
    assertThat(cluster.objects).containsOnlyKeys(SA, SVC, PVC);
  }

  @Test
  void prunesNothingWhenTheRenderOrAnApplyFailed() {
    assertThat(pruner.prune(Set.of(SA), false, inventory(SA, SVC)))
        .isInstanceOf(PruneResult.Refused.class);
    assertThat(cluster.objects).containsKeys(SA, SVC);
  }

  @Test
  void prunesNothingWhenTheDesiredSetIsEmpty() {
    assertThat(pruner.prune(Set.of(), true, inventory(SA, SVC)))
        .isInstanceOf(PruneResult.Refused.class);
    assertThat(cluster.objects).containsKeys(SA, SVC);
  }

  @Test
  void stopsAndReportsWhenItWouldDeleteMoreThanHalfTheApp() {
    PruneResult result = pruner.prune(Set.of(SA), true, inventory(SA, SVC, PVC));
    assertThat(result)
        .isInstanceOfSatisfying(
            PruneResult.Refused.class,
            r -> assertThat(r.reason()).contains("would delete 2 of the app's 3 objects"));
    assertThat(cluster.objects).hasSize(3);
  }

  @Test
  void neverDeletesAnObjectMarkedKeep() {
    cluster.objects.put(PVC, Map.of(Pruner.KEEP_ANNOTATION, "false"));
    PruneResult result = pruner.prune(Set.of(SA, SVC), true, inventory(SA, SVC, PVC));
    assertThat(result).isEqualTo(new PruneResult.Pruned(List.of(), List.of(PVC)));
    assertThat(cluster.objects).containsKey(PVC);
  }

  @Test
  void stopsAtTheFirstClusterErrorAndSaysWhatItHadDeleted() {
    Pruner lenient = new Pruner(cluster, 1.0);
    Optional<Inventory> inventory = inventory(SA, SVC, PVC, CM);
    cluster.failingDeletes.add(PVC);
    PruneResult result = lenient.prune(Set.of(SA), true, inventory);
    assertThat(result)
        .isInstanceOfSatisfying(
            PruneResult.Refused.class,
            r -> {
              assertThat(r.reason()).contains("503");
              assertThat(r.deletedBeforeTheError()).doesNotContain(PVC);
            });
    assertThat(cluster.objects).containsKey(PVC);
  }

  @Test
  void prunesNothingWhenTheClusterCannotBeReadCompletely() {
    Optional<Inventory> inventory = inventory(SA, SVC, CM);
    cluster.listFails = true;
    PruneResult result = pruner.prune(Set.of(SA, SVC), true, inventory);
    assertThat(result)
        .isInstanceOfSatisfying(
            PruneResult.Refused.class,
            r -> {
              assertThat(r.reason()).contains("could not read the cluster completely", "410");
              assertThat(r.deletedBeforeTheError()).isEmpty();
            });
    assertThat(cluster.objects).containsKey(CM);
  }

  @Test
  void anInventoryObjectAlreadyGoneIsNeitherDeletedNorAnError() {
    Optional<Inventory> inventory = inventory(SA, SVC, CM);
    cluster.objects.remove(CM);
    assertThat(pruner.prune(Set.of(SA, SVC), true, inventory))
        .isEqualTo(new PruneResult.Pruned(List.of(), List.of()));
  }

  @Test
  void inventoryLinesRoundTrip() {
    ObjectRef namespaced = ref("Service", "chat");
    ObjectRef cluster = new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", "", "reader");
    assertThat(Inventory.parse(Inventory.line(namespaced))).isEqualTo(namespaced);
    assertThat(Inventory.parse(Inventory.line(cluster))).isEqualTo(cluster);
  }
}
