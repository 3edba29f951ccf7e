package dev.paved.cluster.prune;

import dev.paved.cluster.apply.Applier;
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

  public InventoryStore(KubernetesClient client) {
    this.client = client;
  }

  public static String name(String app) {
    return "paved-inventory-" + app;
  }

  public Optional<Inventory> read(String namespace, String app) {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name(app)).get();
    if (map == null || map.getData() == null) {
      return Optional.empty();
    }
    String lines = map.getData().getOrDefault("objects", "");
    return Optional.of(
        new Inventory(
            app,
            namespace,
            Arrays.stream(lines.split("\n"))
                .filter(l -> !l.isBlank())
                .map(Inventory::parse)
                .collect(Collectors.toSet())));
  }

  public void write(Inventory inventory) {
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name(inventory.app()))
            .withNamespace(inventory.namespace())
            .withLabels(
                Map.of(
                    "paved.dev/app",
                    inventory.app(),
                    "paved.dev/inventory",
                    "true",
                    "app.kubernetes.io/managed-by",
                    "paved"))
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
