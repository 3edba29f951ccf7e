package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The KWOK stages of the sandbox, kept as YAML resources under {@code paved/sandbox/stages/}:
 * Paved's own node and pod lifecycle (kwok v0.8.0 has no built-in stages, and any custom stage
 * replaces the defaults) plus Paved's fault stages. Written as one multi-document file for kwok's
 * {@code --config}.
 */
public final class SandboxStages {

  /** The resources, in the order they are written. */
  static final List<String> RESOURCES =
      List.of("paved-nodes.yaml", "paved-pods.yaml", "paved-faults.yaml");

  private SandboxStages() {}

  /** All stage documents joined with {@code ---}. */
  public static String yaml() {
    StringBuilder all = new StringBuilder();
    for (String name : RESOURCES) {
      if (!all.isEmpty()) {
        all.append("---\n");
      }
      all.append(read(name));
      if (all.charAt(all.length() - 1) != '\n') {
        all.append('\n');
      }
    }
    return all.toString();
  }

  static void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml());
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot write the kwok stages to " + file + ": " + e.getMessage(), "", false, e);
    }
  }

  private static String read(String name) {
    String resource = "/paved/sandbox/stages/" + name;
    try (InputStream in = SandboxStages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
