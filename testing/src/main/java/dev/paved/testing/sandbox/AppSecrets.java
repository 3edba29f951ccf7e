package dev.paved.testing.sandbox;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stores an app's Secret ({@code APP-secrets}, one key per name) the way a user does who follows
 * the doctor's fix: after the app's first sync made its namespace. The values are test values.
 */
public final class AppSecrets {

  private static final Duration NAMESPACE_BOUND = Duration.ofMinutes(2);

  private AppSecrets() {}

  public static void provide(
      KubernetesClient client, String namespace, String app, String... keys) {
    client
        .namespaces()
        .withName(namespace)
        .waitUntilCondition(n -> n != null, NAMESPACE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : keys) {
      values.put(key, "test-value-of-" + key.toLowerCase(java.util.Locale.ROOT));
    }
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(app + "-secrets")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(values)
                .build())
        .createOr(existing -> existing.update());
  }
}
