package dev.paved.cluster.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.EnvironmentException;
import dev.paved.core.target.ClusterRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which cluster each target's file names, resolved from the server's kubeconfig files: never a
 * fallback to another cluster, and one connection per cluster (kubeconfig files, no cluster).
 */
class ClusterResolverTest {

  @TempDir Path dir;
  private Path main;
  private Path lab;

  /** A kubeconfig with one context per {@code name=server} pair, the first one current. */
  private Path kubeconfig(String file, String... contexts) throws IOException {
    StringBuilder clusters = new StringBuilder("clusters:\n");
    StringBuilder named = new StringBuilder("contexts:\n");
    for (String context : contexts) {
      String[] parts = context.split("=");
      clusters
          .append("- name: ")
          .append(parts[0])
          .append("\n  cluster: {server: '")
          .append(parts[1])
          .append("'}\n");
      named
          .append("- name: ")
          .append(parts[0])
          .append("\n  context: {cluster: ")
          .append(parts[0])
          .append(", user: admin}\n");
    }
    String text =
        "apiVersion: v1\nkind: Config\n"
            + clusters
            + named
            + "users:\n- name: admin\n  user: {token: t}\ncurrent-context: "
            + contexts[0].split("=")[0]
            + "\n";
    Path path = dir.resolve(file);
    Files.writeString(path, text);
    return path;
  }

  @BeforeEach
  void files() throws IOException {
    main =
        kubeconfig(
            "main.yaml", "paved-sandbox=https://127.0.0.1:6443", "gke=https://gke.example:443");
    lab = kubeconfig("lab.yaml", "lab=https://lab.example:6443");
  }

  private ClusterResolver resolver() {
    return ClusterResolver.kubeconfig(
        new Kubeconfigs(List.of(main, lab)), Optional.empty(), "paved");
  }

  /** A connection with the access's own client, whose probe never goes out. */
  private static ClusterConnection unprobed(ClusterAccess access) {
    return new ClusterConnection(
        new ClusterConnection.Target(
            access.name(),
            () ->
                new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                    .withConfig(access.config().get())
                    .build()),
        client -> {},
        Backoff.DEFAULT,
        InstantSource.system(),
        List.of());
  }

  @Test
  void aContextIsFoundInTheFirstFileThatHasIt() {
    ClusterAccess access = resolver().resolve(new ClusterRef.Context("lab", Optional.empty()));

    assertThat(access.name()).isEqualTo("lab");
    assertThat(access.server()).isEqualTo("https://lab.example:6443");
    assertThat(access.config().get().getMasterUrl()).startsWith("https://lab.example:6443");
  }

  @Test
  void aTargetThatNamesNoClusterIsTheServersCurrentContext() {
    ClusterAccess access = resolver().resolve(new ClusterRef.ServerDefault());

    assertThat(access.name()).isEqualTo("paved-sandbox");
    assertThat(access.key())
        .isEqualTo(
            resolver().resolve(new ClusterRef.Context("paved-sandbox", Optional.empty())).key());
  }

  @Test
  void aContextNoFileHasIsRefusedWithTheContextsThereAre() {
    assertThatThrownBy(() -> resolver().resolve(new ClusterRef.Context("eks", Optional.empty())))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("no kubeconfig context named 'eks'")
        .extracting(e -> ((EnvironmentException) e).hint())
        .asString()
        .contains("paved-sandbox", "gke", "lab");
  }

  @Test
  void aKubeconfigThatDoesNotParseIsRefusedWithItsPath() throws IOException {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "contexts: [unclosed\n");

    assertThatThrownBy(
            () -> resolver().resolve(new ClusterRef.Context("lab", Optional.of(broken.toString()))))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining(broken + " does not parse");
  }

  @Test
  void aMisconfiguredTargetGetsItsReasonAndTheOthersStillResolve() {
    Map<String, ClusterResolution> all =
        resolver()
            .resolveAll(
                Map.of(
                    "sandbox", new ClusterRef.ServerDefault(),
                    "eks", new ClusterRef.Context("eks", Optional.empty())));

    assertThat(all.get("sandbox")).isInstanceOf(ClusterResolution.Ready.class);
    assertThat(all.get("eks"))
        .isInstanceOfSatisfying(
            ClusterResolution.Misconfigured.class,
            m ->
                assertThat(m.reason())
                    .startsWith("target eks (context eks): no kubeconfig context"));
  }

  @Test
  void twoTargetsThatReachOneApiServerInDifferentWaysAreBothMisconfigured() throws IOException {
    Path other = kubeconfig("other.yaml", "sandbox-admin=https://127.0.0.1:6443");
    Map<String, ClusterResolution> all =
        resolver()
            .resolveAll(
                Map.of(
                    "dev", new ClusterRef.Context("paved-sandbox", Optional.empty()),
                    "prod", new ClusterRef.Context("sandbox-admin", Optional.of(other.toString())),
                    "lab", new ClusterRef.Context("lab", Optional.empty())));

    assertThat(all.get("dev"))
        .isInstanceOfSatisfying(
            ClusterResolution.Misconfigured.class,
            m ->
                assertThat(m.reason())
                    .contains("dev (context paved-sandbox)", "prod (context sandbox-admin of")
                    .contains("reach the same API server https://127.0.0.1:6443"));
    assertThat(all.get("prod")).isInstanceOf(ClusterResolution.Misconfigured.class);
    assertThat(all.get("lab")).isInstanceOf(ClusterResolution.Ready.class);
  }

  @Test
  void targetsThatNameOneClusterTheSameWayShareOneConnection() {
    AtomicInteger opened = new AtomicInteger();
    ResolvedDirectory directory =
        new ResolvedDirectory(
            () ->
                Map.of(
                    "dev", new ClusterRef.ServerDefault(),
                    "prod", new ClusterRef.Context("paved-sandbox", Optional.empty()),
                    "lab", new ClusterRef.Context("lab", Optional.empty())),
            resolver(),
            Duration.ofSeconds(30),
            InstantSource.system());
    try (ClusterConnections connections =
        new ClusterConnections(
            directory,
            access -> {
              opened.incrementAndGet();
              return unprobed(access);
            })) {
      ClusterConnection dev = connections.of("dev");

      assertThat(connections.of("prod")).isSameAs(dev);
      assertThat(connections.of("lab")).isNotSameAs(dev);
      assertThat(opened).hasValue(2);
      assertThat(connections.targets()).containsExactly("lab", "paved-sandbox");
    }
  }

  @Test
  void aMisconfiguredTargetHasNoConnectionAtAllNotAnotherClustersOne() {
    ResolvedDirectory directory =
        new ResolvedDirectory(
            () -> Map.of("eks", new ClusterRef.Context("eks", Optional.empty())),
            resolver(),
            Duration.ofSeconds(30),
            InstantSource.system());
    try (ClusterConnections connections =
        new ClusterConnections(
            directory,
            access -> {
              throw new AssertionError("no connection may be opened for " + access.name());
            })) {
      assertThat(connections.find("eks")).isInstanceOf(ClusterResolution.Misconfigured.class);
      assertThat(connections.find("nowhere"))
          .isInstanceOfSatisfying(
              ClusterResolution.Misconfigured.class,
              m -> assertThat(m.reason()).isEqualTo("there is no target nowhere on main"));
      assertThatThrownBy(() -> connections.of("eks"))
          .isInstanceOf(EnvironmentException.class)
          .hasMessageContaining("no kubeconfig context named 'eks'");
    }
  }

  @Test
  void theDirectoryResolvesAgainWhenTheTargetsChangeOrItsResolutionIsOld() throws IOException {
    Map<String, ClusterRef> targets =
        new HashMap<>(Map.of("eks", new ClusterRef.Context("eks", Optional.empty())));
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T12:00:00Z"));
    ResolvedDirectory directory =
        new ResolvedDirectory(() -> targets, resolver(), Duration.ofSeconds(30), now::get);
    assertThat(directory.resolve("eks")).isInstanceOf(ClusterResolution.Misconfigured.class);

    kubeconfig("lab.yaml", "lab=https://lab.example:6443", "eks=https://eks.example:443");
    assertThat(directory.resolve("eks"))
        .as("kept for 30 s while the targets stay the same")
        .isInstanceOf(ClusterResolution.Misconfigured.class);
    now.set(now.get().plusSeconds(31));
    assertThat(directory.resolve("eks")).isInstanceOf(ClusterResolution.Ready.class);

    targets.put("onprem", new ClusterRef.Context("missing", Optional.empty()));
    assertThat(directory.resolve("onprem")).isInstanceOf(ClusterResolution.Misconfigured.class);
  }
}
