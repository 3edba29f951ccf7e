package dev.paved.cluster.prune;

import dev.paved.cluster.object.ObjectRef;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link LiveObjects} of a real cluster: one paged LIST per kind and namespace among the refs,
 * every page read before anything is answered.
 */
public final class ClusterObjects implements LiveObjects {

  public static final int DEFAULT_PAGE_SIZE = 500;

  private final KubernetesClient client;
  private final int pageSize;

  public ClusterObjects(KubernetesClient client) {
    this(client, DEFAULT_PAGE_SIZE);
  }

  public ClusterObjects(KubernetesClient client, int pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  @Override
  public Map<ObjectRef, Map<String, String>> existing(Collection<ObjectRef> refs) {
    Map<ObjectRef, Map<String, String>> found = new HashMap<>();
    Map<List<String>, List<ObjectRef>> groups =
        refs.stream()
            .collect(Collectors.groupingBy(r -> List.of(r.apiVersion(), r.kind(), r.namespace())));
    groups.forEach(
        (group, members) -> {
          Map<String, Map<String, String>> listed = list(members.getFirst());
          for (ObjectRef ref : members) {
            if (listed.containsKey(ref.name())) {
              found.put(ref, listed.get(ref.name()));
            }
          }
        });
    return found;
  }

  /** Name → annotations of every object of the ref's kind in its namespace, all pages. */
  private Map<String, Map<String, String>> list(ObjectRef like) {
    var kind = client.genericKubernetesResources(like.apiVersion(), like.kind());
    var scope = like.namespace().isEmpty() ? kind : kind.inNamespace(like.namespace());
    Map<String, Map<String, String>> names = new HashMap<>();
    String next = null;
    do {
      GenericKubernetesResourceList page =
          scope.list(
              new ListOptionsBuilder().withLimit((long) pageSize).withContinue(next).build());
      for (GenericKubernetesResource item : page.getItems()) {
        Map<String, String> annotations = item.getMetadata().getAnnotations();
        names.put(item.getMetadata().getName(), annotations == null ? Map.of() : annotations);
      }
      next = page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return names;
  }

  @Override
  public void delete(ObjectRef ref) {
    ref.in(client).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }
}
