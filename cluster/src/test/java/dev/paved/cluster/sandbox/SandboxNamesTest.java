package dev.paved.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Several sandboxes side by side: each name its own data directory and context. */
class SandboxNamesTest {

  private static final Path HOME = Path.of(System.getProperty("user.home"));

  @Test
  void theDefaultSandboxKeepsItsDirectoryAndContext() {
    SandboxLayout layout = SandboxLayout.named("sandbox");

    assertThat(layout.dataDir()).isEqualTo(HOME.resolve(".paved/sandbox").toAbsolutePath());
    assertThat(layout.context()).isEqualTo("paved-sandbox");
  }

  @Test
  void aNamedSandboxHasItsOwnDirectoryAndContext() {
    SandboxLayout layout = SandboxLayout.named("prod");

    assertThat(layout.dataDir()).isEqualTo(HOME.resolve(".paved/sandboxes/prod").toAbsolutePath());
    assertThat(layout.context()).isEqualTo("paved-prod");
    assertThat(SandboxConfig.defaults().named("prod").withDataDir(Path.of("/tmp/x")).layout())
        .as("another data directory keeps the name")
        .isEqualTo(new SandboxLayout(Path.of("/tmp/x"), "prod"));
  }

  @Test
  void theKubeconfigNamesTheSandboxsContext() {
    String text =
        SandboxKubeconfig.render(
            "paved-prod",
            "https://127.0.0.1:40000",
            new SandboxCredentials(Path.of("/ca.crt"), "token"));

    assertThat(text).contains("current-context: paved-prod", "server: https://127.0.0.1:40000");
  }

  @Test
  void aNameThatIsNotADnsLabelIsRefusedWithAnExample() {
    for (String bad : new String[] {"", "Prod", "-prod", "a/b", "x".repeat(31), "../etc"}) {
      assertThatThrownBy(() -> SandboxLayout.named(bad))
          .as(bad)
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("is not a sandbox name");
    }
  }
}
