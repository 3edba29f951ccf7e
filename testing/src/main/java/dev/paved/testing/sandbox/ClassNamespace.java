package dev.paved.testing.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test class's namespace and a client bound to it. Created before the class's first test; closing
 * deletes the namespace (without waiting) and closes the client.
 */
final class ClassNamespace implements AutoCloseable {

  private static final Duration SERVICE_ACCOUNT_TIMEOUT = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SandboxNamespace namespace;
  private final KubernetesClient client;

  private ClassNamespace(SandboxNamespace namespace, KubernetesClient client) {
    this.namespace = namespace;
    this.client = client;
  }

  static ClassNamespace create(KubernetesClient admin, Class<?> testClass) {
    SandboxNamespace namespace = new SandboxNamespace(name(testClass));
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace.name())
                .withLabels(Map.of("paved.dev/test-class", label(testClass.getSimpleName())))
                .endMetadata()
                .build())
        .create();
    Config config =
        new ConfigBuilder(admin.getConfiguration()).withNamespace(namespace.name()).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    awaitDefaultServiceAccount(client, namespace);
    return new ClassNamespace(namespace, client);
  }

  SandboxNamespace namespace() {
    return namespace;
  }

  KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      client.namespaces().withName(namespace.name()).delete();
    } finally {
      client.close();
    }
  }

  /** Pods are refused until the controller-manager made the namespace's default account. */
  private static void awaitDefaultServiceAccount(
      KubernetesClient client, SandboxNamespace namespace) {
    client
        .serviceAccounts()
        .inNamespace(namespace.name())
        .withName("default")
        .waitUntilCondition(
            account -> account != null, SERVICE_ACCOUNT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String name(Class<?> testClass) {
    String base = label(testClass.getSimpleName());
    if (base.length() > 40) {
      base = base.substring(0, 40);
    }
    return "it-" + base + "-" + Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36);
  }

  private static String label(String simpleName) {
    return simpleName
        .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9-]", "-")
        .replaceAll("-+$", "");
  }
}
