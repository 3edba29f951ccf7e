package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the kubeconfig (context {@code paved-NAME}: {@code paved-sandbox} for the default sandbox,
 * the {@code sandbox} target's context) that users, tests and components use.
 */
final class SandboxKubeconfig {

  private SandboxKubeconfig() {}

  static String render(String context, String serverUrl, SandboxCredentials credentials) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
            certificate-authority: %3$s
        users:
        - name: %1$s
          user:
            token: %4$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
        current-context: %1$s
        """
        .formatted(context, serverUrl, credentials.caCert(), credentials.token());
  }

  /** Writes the file readable by its owner only (it holds an admin token). */
  static void write(Path file, String context, String serverUrl, SandboxCredentials credentials) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, render(context, serverUrl, credentials));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot write the sandbox kubeconfig " + file + ": " + e.getMessage(), "", false, e);
    }
  }
}
