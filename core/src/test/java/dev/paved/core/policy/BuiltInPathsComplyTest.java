package dev.paved.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.render.BuiltInMatrix;
import dev.paved.core.rendered.RenderedApp;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the platform ships must pass its own checks: no blocking finding on any path × target. */
class BuiltInPathsComplyTest {

  private static final PolicyChecker CHECKER = new PolicyChecker(Policies.NONE, Clock.systemUTC());

  @ParameterizedTest(name = "{0} on {1} in {2}")
  @MethodSource("dev.paved.core.render.BuiltInMatrix#cases")
  void rendersWithNoBlockingFinding(String path, String target, String env) {
    RenderedApp app = BuiltInMatrix.render(path, target, env);
    CheckReport report =
        CHECKER.check(app, BuiltInMatrix.PLATFORM.requireTarget(target), Manifest.Budget.NONE);
    assertThat(report.findings()).filteredOn(Finding::blocks).isEmpty();
  }
}
