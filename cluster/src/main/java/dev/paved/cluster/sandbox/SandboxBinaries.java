package dev.paved.cluster.sandbox;

import dev.paved.core.error.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The directory holding the binaries that {@code sandbox/build.sh} builds. Located as build.sh
 * does: {@code $PAVED_SANDBOX_BIN_DIR} when set, else {@code
 * ${PAVED_SANDBOX_CACHE:-~/.cache/paved/sandbox}/k8s-<v>_etcd-<v>_kwok-<v>/bin}, with the versions
 * read from {@code sandbox/versions.env} (copied into this module's resources at build time).
 *
 * @param binDir the directory with {@code etcd}, {@code kube-apiserver}, … and {@code kwok}
 */
public record SandboxBinaries(Path binDir) {

  private static final String VERSIONS_RESOURCE = "/paved/sandbox/versions.env";

  public SandboxBinaries {
    Objects.requireNonNull(binDir, "binDir");
  }

  /** The bin directory for the pinned versions, honouring the two environment variables. */
  public static SandboxBinaries locate() {
    String explicit = System.getenv("PAVED_SANDBOX_BIN_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return new SandboxBinaries(Path.of(explicit));
    }
    String cache = System.getenv("PAVED_SANDBOX_CACHE");
    Path root =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache", "paved", "sandbox");
    return new SandboxBinaries(root.resolve(cacheKey(versions())).resolve("bin"));
  }

  /** The {@code KEY=VALUE} lines of versions.env, in file order. */
  public static Map<String, String> versions() {
    try (InputStream in = SandboxBinaries.class.getResourceAsStream(VERSIONS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(VERSIONS_RESOURCE + " is missing from the classpath");
      }
      Map<String, String> versions = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        int eq = trimmed.indexOf('=');
        if (!trimmed.startsWith("#") && eq > 0) {
          versions.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
      }
      return Map.copyOf(versions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String cacheKey(Map<String, String> versions) {
    return "k8s-%s_etcd-%s_kwok-%s"
        .formatted(
            versions.get("PAVED_K8S_VERSION"),
            versions.get("PAVED_ETCD_VERSION"),
            versions.get("PAVED_KWOK_VERSION"));
  }

  /**
   * The executable of a component.
   *
   * @throws EnvironmentException when it is missing or not executable, telling to run build.sh
   */
  public Path require(SandboxComponent component) {
    Path binary = binDir.resolve(component.binaryName());
    if (!Files.isExecutable(binary)) {
      throw new EnvironmentException(
          "sandbox binary missing: " + binary,
          "run sandbox/build.sh to build the sandbox binaries (about 6 minutes the first time)",
          false,
          null);
    }
    return binary;
  }

  /** Checks every component's executable; see {@link #require}. */
  public void requireAll() {
    for (SandboxComponent component : SandboxComponent.values()) {
      require(component);
    }
  }
}
