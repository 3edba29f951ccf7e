package dev.paved.cluster.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a client needs to talk to the sandbox's kube-apiserver: the CA that signed its serving
 * certificate and the static bearer token of the {@code system:masters} user {@code paved-admin}.
 */
public record SandboxCredentials(Path caCert, String token) {

  public SandboxCredentials {
    Objects.requireNonNull(caCert, "caCert");
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
  }

  @Override
  public String toString() {
    return "SandboxCredentials[caCert=" + caCert + ", token=<hidden>]";
  }
}
