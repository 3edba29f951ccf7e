package dev.paved.testing.sandbox;

import dev.paved.cluster.sandbox.Sandbox;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link SandboxTest}. The sandbox lives in the root store (one per run,
 * closed when the run ends); the namespace and its client live in the test class's store (closed
 * after the class).
 */
public final class SandboxExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(SandboxExtension.class);
  private static final String SANDBOX = "sandbox";
  private static final String CLASS_NAMESPACE = "namespace";

  @Override
  public void beforeAll(ExtensionContext context) {
    SharedSandbox shared = shared(context);
    ExtensionContext.Store store = context.getStore(STORE);
    if (store.get(CLASS_NAMESPACE, ClassNamespace.class) == null) {
      try (KubernetesClient admin = shared.sandbox().client()) {
        store.put(CLASS_NAMESPACE, ClassNamespace.create(admin, context.getRequiredTestClass()));
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class
        || type == SandboxNamespace.class
        || type == Sandbox.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Sandbox.class) {
      return shared(context).sandbox();
    }
    ClassNamespace namespace = context.getStore(STORE).get(CLASS_NAMESPACE, ClassNamespace.class);
    if (namespace == null) {
      throw new ParameterResolutionException(
          "no sandbox namespace yet: annotate the test class with @SandboxTest");
    }
    return type == KubernetesClient.class ? namespace.client() : namespace.namespace();
  }

  private static SharedSandbox shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .getOrComputeIfAbsent(SANDBOX, key -> SharedSandbox.start(), SharedSandbox.class);
  }
}
