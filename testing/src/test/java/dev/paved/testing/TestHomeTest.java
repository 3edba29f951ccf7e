package dev.paved.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Tests run in a home of their own (the build's {@code target/test-home}), and so do the JVMs they
 * start: nothing a test does can log the user's {@code paved} out, fill the user's sandbox or read
 * the user's kubeconfig. {@code ./test} also checks the user's credentials file before and after.
 */
class TestHomeTest {

  @Test
  void theTestJvmsHomeIsUnderTheBuildDirectory() {
    Path home = Path.of(System.getProperty("user.home"));

    assertThat(home).endsWithRaw(Path.of("target", "test-home"));
    assertThat(Path.of(System.getenv("PAVED_CREDENTIALS"))).startsWithRaw(home);
  }

  @Test
  void aJvmStartedByATestGetsTheSameHome() {
    assertThat(ChildJvm.java()).contains("-Duser.home=" + System.getProperty("user.home"));
  }
}
