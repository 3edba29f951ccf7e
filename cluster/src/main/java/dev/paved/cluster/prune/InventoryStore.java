package dev.paved.cluster.prune;

import dev.paved.cluster.apply.Applier;
import dev.paved.cluster.cache.ApiView;
import dev.paved.cluster.cache.LiveView;
import dev.paved.cluster.object.ObjectRef;
import dev.paved.core.render.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps an app's {@link Inventory} as the ConfigMap {@code paved-inventory-<app>} in the app's
 * namespace (see docs/decisions/0005-inventory-configmap.md). Written with server-side apply.
 */
public final class InventoryStore {

  private final KubernetesClient client;
  private final LiveView view;

  /** A store that reads the inventory with a GET. */
  public InventoryStore(KubernetesClient client) {
    this(client, new ApiView(client));
  }

  /** A store that reads through {@code view} (a synced cache: no request) and writes with SSA. */
  public InventoryStore(KubernetesClient client, LiveView view) {
    this.client = client;
    this.view = view;
  }

  public static final String INVENTORY_LABEL = "paved.dev/inventory";

  public static String name(String app) {
    return "paved-inventory-" + app;
  }

  /**
   * The app's inventory, or empty when it has none.
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the cluster errs
   */
  public Optional<Inventory> read(String namespace, String app) {
    return view.find(new ObjectRef("v1", "ConfigMap", namespace, name(app)))
        .map(map -> map.getAdditionalProperties().get("data"))
        .filter(Map.class::isInstance)
        .map(data -> parse(namespace, app, String.valueOf(((Map<?, ?>) data).get("objects"))));
  }

  private static Inventory parse(String namespace, String app, String lines) {
    return new Inventory(
        app,
        namespace,
        Arrays.stream(lines.split("\n"))
            .filter(l -> !l.isBlank() && !l.equals("null"))
            .map(Inventory::parse)
            .collect(Collectors.toSet()));
  }

  /** Deletes the app's inventory (after its objects are gone). */
  public void delete(String namespace, String app) {
    client.configMaps().inNamespace(namespace).withName(name(app)).delete();
  }

  public void write(Inventory inventory) {
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name(inventory.app()))
            .withNamespace(inventory.namespace())
            .withLabels(
                Map.of(
                    Labels.APP,
                    inventory.app(),
                    INVENTORY_LABEL,
                    "true",
                    Labels.MANAGED_BY,
                    Labels.MANAGER))
            .endMetadata()
            .withData(Map.of("objects", String.join("\n", inventory.lines()) + "\n"))
            .build();
    client
        .configMaps()
        .inNamespace(inventory.namespace())
        .resource(map)
        .fieldManager(Applier.FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
  }
}
