package dev.paved.cluster.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Secrets of one namespace as the doctor keeps them: name, labels and key names, every value
 * left behind in this class, so no snapshot, finding or log can hold one.
 */
final class SecretKeys {

  private SecretKeys() {}

  /**
   * The namespace's Secrets with their keys; empty (and a warning) when they cannot be listed, so
   * that no Secret is then taken for missing.
   */
  static Optional<List<JsonNode>> list(
      KubernetesClient client, String namespace, List<String> warnings) {
    try {
      List<JsonNode> secrets = new ArrayList<>();
      for (Secret secret : client.secrets().inNamespace(namespace).list().getItems()) {
        secrets.add(keysOnly(secret));
      }
      return Optional.of(secrets);
    } catch (KubernetesClientException e) {
      warnings.add(
          "cannot list the Secrets of "
              + namespace
              + " (HTTP "
              + e.getCode()
              + "), so missing Secrets are not checked");
      return Optional.empty();
    }
  }

  static JsonNode keysOnly(Secret secret) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("apiVersion", "v1");
    node.put("kind", "Secret");
    ObjectNode metadata = node.putObject("metadata");
    metadata.put("name", secret.getMetadata().getName());
    metadata.put("namespace", secret.getMetadata().getNamespace());
    Optional.ofNullable(secret.getMetadata().getUid()).ifPresent(uid -> metadata.put("uid", uid));
    Optional.ofNullable(secret.getType()).ifPresent(type -> node.put("type", type));
    Set<String> keys = new TreeSet<>();
    Optional.ofNullable(secret.getData()).map(Map::keySet).ifPresent(keys::addAll);
    Optional.ofNullable(secret.getStringData()).map(Map::keySet).ifPresent(keys::addAll);
    ObjectNode data = node.putObject("data");
    keys.forEach(key -> data.put(key, ""));
    return node;
  }
}
