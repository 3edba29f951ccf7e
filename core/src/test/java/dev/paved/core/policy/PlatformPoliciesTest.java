package dev.paved.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.PlatformLoader;
import dev.paved.core.render.BuiltInMatrix;
import dev.paved.core.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules written by a platform team in CEL, and waivers with reasons and expiry dates. */
class PlatformPoliciesTest {

  private static final Clock NOV_2026 =
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
  private static final String HEADER =
      "apiVersion: paved.dev/v1alpha1\nkind: Policy\nmetadata: {name: org}\nspec:\n";
  private static final String PRIORITY_RULE =
      """
        rules:
          - id: ORG-01
            severity: block
            title: a priority class on serving pods
            kinds: [Deployment]
            expression: has(object.spec.template.spec.priorityClassName)
            message: the pods have no priorityClassName
            fix: set a priority class for GPU serving
      """;

  @TempDir Path dir;

  private Platform platform(String policy) throws IOException {
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/org.yaml"), HEADER + policy);
    return new PlatformLoader().load(Optional.of(dir));
  }

  private CheckReport check(Platform platform, Clock clock) {
    var app =
        new Renderer(platform)
            .render(
                BuiltInMatrix.input("llm-inference"), "prod", platform.requireTarget("sandbox"));
    return new PolicyChecker(platform.policies(), clock)
        .check(app, platform.requireTarget("sandbox"), Manifest.Budget.NONE);
  }

  @Test
  void aCelRuleFiresWithItsMessageAndFix() throws IOException {
    CheckReport report = check(platform(PRIORITY_RULE), NOV_2026);
    assertThat(report.findings())
        .filteredOn(f -> f.rule().equals("ORG-01"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.object()).isEqualTo("Deployment/chat");
              assertThat(f.message()).isEqualTo("the pods have no priorityClassName");
              assertThat(f.fix()).isEqualTo("set a priority class for GPU serving");
            });
    assertThat(report.blocked()).isTrue();
  }

  @Test
  void aWaiverExcusesTheRuleUntilItExpiresAndStaysVisible() throws IOException {
    Platform platform =
        platform(
            PRIORITY_RULE
                + """
          waivers:
            - {rule: ORG-01, team: search, app: chat, reason: priority classes arrive in Q1, expires: 2027-01-31}
        """);
    CheckReport now = check(platform, NOV_2026);
    assertThat(now.blocked()).isFalse();
    assertThat(now.waived()).isEqualTo(1);
    assertThat(now.findings())
        .filteredOn(f -> f.rule().equals("ORG-01"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.waiver())
                    .get()
                    .extracting(Waiver::reason)
                    .isEqualTo("priority classes arrive in Q1"));
    CheckReport later =
        check(platform, Clock.fixed(Instant.parse("2027-02-01T00:00:00Z"), ZoneOffset.UTC));
    assertThat(later.blocked()).as("an expired waiver excuses nothing").isTrue();
  }

  @Test
  void aWaiverForAnotherAppDoesNotApply() throws IOException {
    Platform platform =
        platform(
            PRIORITY_RULE
                + """
          waivers:
            - {rule: ORG-01, app: other, reason: x, expires: 2099-01-01}
        """);
    assertThat(check(platform, NOV_2026).blocked()).isTrue();
  }

  @Test
  void aWaiverCanExcuseABuiltInRule() throws IOException {
    Platform platform =
        platform(
            """
          waivers:
            - {rule: SEC-03-UID, reason: the image needs UID 1000, expires: 2099-01-01}
        """);
    assertThat(platform.policies().waivers())
        .extracting(Waiver::rule)
        .containsExactly("SEC-03-UID");
  }

  @Test
  void anUnknownRuleIdInAWaiverFailsAtLoadWithItsPosition() {
    assertThatThrownBy(
            () ->
                platform(
                    """
          waivers:
            - {rule: SEC-99, reason: x, expires: 2099-01-01}
        """))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown rule id 'SEC-99'")
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).oneLine())
                    .contains("org.yaml:6:")
                    .contains("did you mean"));
  }

  @Test
  void malformedCelFailsAtLoadWithFileAndLine() {
    assertThatThrownBy(
            () ->
                platform(
                    PRIORITY_RULE.replace(
                        "has(object.spec.template.spec.priorityClassName)", "object.spec. ==")))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).oneLine()).contains("org.yaml:10:"));
  }

  @Test
  void aRuleThatThrowsAtEvaluationIsAFindingOfItsOwnNeverAPass() throws IOException {
    CheckReport report =
        check(
            platform(
                PRIORITY_RULE.replace(
                    "has(object.spec.template.spec.priorityClassName)",
                    "object.spec.template.spec.priorityClassName == 'gpu-serving'")),
            NOV_2026);
    assertThat(report.findings())
        .filteredOn(f -> f.rule().equals(CelRule.ERROR_ID))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).startsWith("rule ORG-01 could not be evaluated");
              assertThat(f.blocks()).isTrue();
            });
  }

  @Test
  void ruleIdsMustBeNew() {
    assertThatThrownBy(() -> platform(PRIORITY_RULE.replace("ORG-01", "SEC-01")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already taken");
  }

  @Test
  void everyRuleIdIsUnique() {
    List<String> ids = BuiltInRules.all().stream().map(Rule::id).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }
}
