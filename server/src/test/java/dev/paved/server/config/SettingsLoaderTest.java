package dev.paved.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

  @TempDir Path dir;

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
    Files.writeString(
        dir.resolve("server.yaml"),
        """
        port: 9001
        host: 0.0.0.0
        db:
          url: jdbc:postgresql://db.internal:5432/paved
          user: paved_app
        context: from-file
        """);
    Map<String, String> env =
        Map.of(
            "PAVED_DATA_DIR", dir.toString(),
            "PAVED_PORT", "9002",
            "PAVED_DB_USER", "env_user",
            "PAVED_DB_SCHEMA", "paved_a",
            "PAVED_SANDBOX_DIR", "/srv/sandbox");

    ServerSettings settings = SettingsLoader.load(Map.of("port", "9003"), env, Optional.empty());

    assertThat(settings.port()).isEqualTo(9003);
    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.database().url()).isEqualTo("jdbc:postgresql://db.internal:5432/paved");
    assertThat(settings.database().user()).isEqualTo("env_user");
    assertThat(settings.context()).contains("from-file");
    assertThat(settings.cluster()).isEqualTo(ClusterKind.KUBECONFIG);
    assertThat(settings.url()).isEqualTo("http://127.0.0.1:9003");
    assertThat(settings.database().schema()).contains("paved_a");
    assertThat(settings.sandboxDir()).isEqualTo(Path.of("/srv/sandbox"));
  }

  @Test
  void withNothingSetTheServerUsesTheDataDirectorysH2AndRepositoryAndTheSandbox() {
    ServerSettings settings =
        SettingsLoader.load(Map.of("data-dir", dir.toString()), Map.of(), Optional.empty());

    assertThat(settings.port()).isEqualTo(ServerSettings.DEFAULT_PORT);
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.database().url())
        .startsWith("jdbc:h2:file:" + dir.toAbsolutePath().resolve("paved"));
    assertThat(settings.repository()).isEqualTo(dir.resolve("platform.git"));
    assertThat(settings.cluster()).isEqualTo(ClusterKind.SANDBOX);
  }

  @Test
  void clustersSaysHowManySandboxesAndOnlyWhereTheServerRunsSandboxes() {
    assertThat(
            SettingsLoader.load(
                    Map.of("data-dir", dir.toString()),
                    Map.of("PAVED_CLUSTERS", "2"),
                    Optional.empty())
                .sandboxes())
        .isEqualTo(2);
    assertThat(
            SettingsLoader.load(Map.of("data-dir", dir.toString()), Map.of(), Optional.empty())
                .sandboxes())
        .isEqualTo(1);
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("data-dir", dir.toString(), "clusters", "4"),
                    Map.of(),
                    Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("clusters is 4");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("data-dir", dir.toString(), "clusters", "2", "context", "gke"),
                    Map.of(),
                    Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("does not run sandboxes");
  }

  @Test
  void anUnknownSettingInTheFileIsRefusedWithTheKnownOnes() throws IOException {
    Path file = dir.resolve("paved.yaml");
    Files.writeString(file, "prot: 8080\n");

    assertThatThrownBy(() -> SettingsLoader.load(Map.of(), Map.of(), Optional.of(file)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown setting 'prot'")
        .satisfies(e -> assertThat(((InvalidInputException) e).hint()).contains("port"));
  }

  @Test
  void brokenYamlNamesItsLine() throws IOException {
    Path file = dir.resolve("paved.yaml");
    Files.writeString(file, "port: 8080\nhost: [unclosed\n");

    assertThatThrownBy(() -> SettingsLoader.load(Map.of(), Map.of(), Optional.of(file)))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).location().orElseThrow().line())
                    .isGreaterThanOrEqualTo(2));
  }

  @Test
  void badValuesAreUsageErrors() {
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("port", "eighty"), Map.of(), Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("eighty");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("db.url", "jdbc:mysql://x/y"), Map.of(), Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("neither H2 nor PostgreSQL");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("cluster", "gke"), Map.of(), Optional.empty()))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void oidcNeedsItsIssuerClientAndSecretTogether() {
    var oidc =
        SettingsLoader.load(
                Map.of(),
                Map.of(
                    "PAVED_OIDC_ISSUER", "https://login.example.com/realms/paved",
                    "PAVED_OIDC_CLIENT_ID", "paved",
                    "PAVED_OIDC_CLIENT_SECRET", "s",
                    "PAVED_OIDC_PLATFORM_GROUP", "platform"),
                Optional.empty())
            .oidc()
            .orElseThrow();
    assertThat(oidc.issuer().toString()).isEqualTo("https://login.example.com/realms/paved");
    assertThat(oidc.userClaim()).isEqualTo("preferred_username");
    assertThat(oidc.platformGroup()).contains("platform");
    assertThat(SettingsLoader.load(Map.of(), Map.of(), Optional.empty()).oidc()).isEmpty();

    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("oidc.issuer", "https://login.example.com"), Map.of(), Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("oidc.client-id");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(Map.of("oidc.client-id", "paved"), Map.of(), Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("without oidc.issuer");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of(
                        "oidc.issuer", "login.example.com",
                        "oidc.client-id", "paved",
                        "oidc.client-secret", "s"),
                    Map.of(),
                    Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is not a URL");
  }

  @Test
  void theChartsSettingsFileTurnsOnSharedWorkInTheClusterItRunsIn() throws IOException {
    Path file = dir.resolve("server.yaml");
    Files.writeString(
        file,
        """
        cluster: in-cluster
        ha.enabled: true
        ha:
          shards-per-target: 4
          lease-seconds: 21
        """);

    ServerSettings settings =
        SettingsLoader.load(
            Map.of(),
            Map.of("PAVED_HA_IDENTITY", "paved-7d9f-abcde"),
            Optional.of(file),
            Map.of("cluster", "kubeconfig"));

    assertThat(settings.cluster())
        .as("the file beats the command's default")
        .isEqualTo(ClusterKind.IN_CLUSTER);
    dev.paved.server.ha.HaSettings ha = settings.ha().orElseThrow();
    assertThat(ha.identity()).isEqualTo("paved-7d9f-abcde");
    assertThat(ha.split()).isEqualTo(4);
    assertThat(ha.timing().leaseDuration()).hasSeconds(21);
    assertThat(ha.timing().renewDeadline()).hasSeconds(14);
    assertThat(ha.timing().retry()).hasSeconds(3);
  }

  @Test
  void sharedWorkNeedsASharedClusterAndSaneNumbers() {
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("ha.enabled", "true"), Map.of(), Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("cluster is sandbox");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("cluster", "in-cluster", "ha.enabled", "yes"),
                    Map.of(),
                    Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("ha.enabled is 'yes'");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of(
                        "cluster", "in-cluster", "ha.enabled", "true", "ha.shards-per-target", "0"),
                    Map.of(),
                    Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("ha.shards-per-target is 0");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("ha.lease-seconds", "20"), Map.of(), Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("without ha.enabled");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(Map.of("sync.parallel-apps", "0"), Map.of(), Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("sync.parallel-apps is 0");
    assertThat(SettingsLoader.load(Map.of(), Map.of(), Optional.empty()).syncParallelism())
        .isEqualTo(8);
  }

  @Test
  void theGitRemotesCredentialsComeFromFilesAndAreNeverShown() throws IOException {
    Path token = dir.resolve("token");
    Files.writeString(token, "ghp_secretvalue\n");

    ServerSettings settings =
        SettingsLoader.load(
            Map.of(
                "git.remote",
                "https://github.com/acme/platform.git",
                "git.token-file",
                token.toString()),
            Map.of(),
            Optional.empty());

    ServerSettings.GitRemote remote = settings.remote().orElseThrow();
    assertThat(remote.credentials())
        .isEqualTo(new dev.paved.gitops.repo.RemoteCredentials.Token("ghp_secretvalue"));
    assertThat(remote.toString()).doesNotContain("ghp_secretvalue");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("git.remote", "git@github.com:acme/platform.git"),
                    Map.of(),
                    Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("git.ssh-key-file");
    assertThatThrownBy(
            () ->
                SettingsLoader.load(
                    Map.of("git.remote", "https://x/y.git", "git.token-file", "/nonexistent/token"),
                    Map.of(),
                    Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("cannot be read");
    assertThatThrownBy(
            () -> SettingsLoader.load(Map.of("git.token-file", "t"), Map.of(), Optional.empty()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("without git.remote");
  }
}
