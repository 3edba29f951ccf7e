package dev.paved.testing.faults;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;

/** A second client to the same cluster whose requests pass through an interceptor. */
public final class InterceptedClients {

  private InterceptedClients() {}

  public static KubernetesClient of(KubernetesClient base, Interceptor interceptor) {
    return new KubernetesClientBuilder()
        .withConfig(base.getConfiguration())
        .withHttpClientBuilderConsumer(
            builder -> builder.addOrReplaceInterceptor("paved-test", interceptor))
        .build();
  }
}
