package dev.paved.cluster.diff;

import dev.paved.cluster.apply.ContentHash;
import dev.paved.cluster.cache.ApiView;
import dev.paved.cluster.cache.LiveView;
import dev.paved.cluster.object.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds drift between desired objects and the cluster: deleted objects, and fields Paved sets that
 * now have other values. Read-only; healing is a re-apply that ignores the content hash.
 */
public final class DriftDetector {

  private final LiveView view;

  /** A detector that reads each object with a GET. */
  public DriftDetector(KubernetesClient client) {
    this(new ApiView(client));
  }

  /** A detector that reads from {@code view}, e.g. a synced cache: no API request at all. */
  public DriftDetector(LiveView view) {
    this.view = view;
  }

  public List<Drift> detect(List<Map<String, Object>> desired) {
    List<Drift> drifts = new ArrayList<>();
    for (Map<String, Object> object : desired) {
      ObjectRef ref = ObjectRef.of(object);
      Optional<GenericKubernetesResource> live = view.find(ref);
      if (live.isEmpty()) {
        drifts.add(new Drift.Missing(ref));
        continue;
      }
      List<Drift.FieldChange> changes = compare(object, live.get());
      if (!changes.isEmpty()) {
        drifts.add(new Drift.Changed(ref, changes));
      }
    }
    return drifts;
  }

  /** The changed fields of one object (Paved's own hash annotation excluded). */
  @SuppressWarnings("unchecked")
  static List<Drift.FieldChange> compare(
      Map<String, Object> desired, GenericKubernetesResource live) {
    Map<String, Object> liveMap = Serialization.unmarshal(Serialization.asJson(live), Map.class);
    List<Drift.FieldChange> changes = new ArrayList<>();
    FieldComparator.compare("", desired, liveMap, changes);
    changes.removeIf(c -> c.path().contains(ContentHash.ANNOTATION));
    return changes;
  }
}
