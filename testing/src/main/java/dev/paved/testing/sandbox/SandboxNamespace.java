package dev.paved.testing.sandbox;

/**
 * The namespace a {@link SandboxTest} class owns.
 *
 * @param name the namespace name, {@code it-<class>-<random>}
 */
public record SandboxNamespace(String name) {

  public SandboxNamespace {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
  }
}
