package dev.paved.cluster.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Takes over objects first made with {@code kubectl apply} (client-side). Their fields belong to
 * the manager {@code kubectl-client-side-apply}; were Paved simply to server-side apply, a field
 * later dropped from the desired object would stay forever, owned by a manager nobody runs. So,
 * once, before the first server-side apply, the client-side managers' field sets are moved into
 * Paved's {@code Apply} entry: from then on Paved owns them and dropping one removes it, as with
 * objects Paved created. The {@value #LAST_APPLIED} annotation goes away on that apply, since Paved
 * owns it and does not set it.
 */
final class ClientSideApplyMigration {

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  static final Set<String> CLIENT_SIDE_MANAGERS = Set.of("kubectl-client-side-apply", "kubectl");

  private ClientSideApplyMigration() {}

  /**
   * The managed fields to write before applying, or empty when the object needs no migration (it
   * was not client-side applied, or was migrated already).
   */
  @SuppressWarnings("unchecked")
  static Optional<List<Map<String, Object>>> managedFields(
      GenericKubernetesResource live, String manager) {
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(LAST_APPLIED)) {
      return Optional.empty();
    }
    List<Map<String, Object>> entries =
        Serialization.unmarshal(
            Serialization.asJson(live.getMetadata().getManagedFields()), List.class);
    if (entries.stream().noneMatch(ClientSideApplyMigration::clientSide)) {
      return Optional.empty();
    }
    return Optional.of(merged(entries, manager));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> merged(
      List<Map<String, Object>> entries, String manager) {
    List<Map<String, Object>> result = new ArrayList<>();
    Map<String, Object> owned = new LinkedHashMap<>();
    String apiVersion = "";
    for (Map<String, Object> entry : entries) {
      if (clientSide(entry) || ours(entry, manager)) {
        deepMerge(owned, (Map<String, Object>) entry.getOrDefault("fieldsV1", Map.of()));
        apiVersion = String.valueOf(entry.get("apiVersion"));
      } else {
        result.add(entry);
      }
    }
    Map<String, Object> applied = new LinkedHashMap<>();
    applied.put("manager", manager);
    applied.put("operation", "Apply");
    applied.put("apiVersion", apiVersion);
    applied.put("fieldsType", "FieldsV1");
    applied.put("fieldsV1", owned);
    result.add(applied);
    return result;
  }

  private static boolean clientSide(Map<String, Object> entry) {
    return CLIENT_SIDE_MANAGERS.contains(String.valueOf(entry.get("manager")))
        && "Update".equals(entry.get("operation"))
        && String.valueOf(entry.getOrDefault("subresource", "")).isEmpty();
  }

  private static boolean ours(Map<String, Object> entry, String manager) {
    return manager.equals(entry.get("manager")) && "Apply".equals(entry.get("operation"));
  }

  @SuppressWarnings("unchecked")
  private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach(
        (key, value) -> {
          Object existing = into.get(key);
          if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
            deepMerge((Map<String, Object>) a, (Map<String, Object>) b);
          } else {
            into.put(
                key,
                value instanceof Map<?, ?> m
                    ? new LinkedHashMap<>((Map<String, Object>) m)
                    : value);
          }
        });
  }
}
