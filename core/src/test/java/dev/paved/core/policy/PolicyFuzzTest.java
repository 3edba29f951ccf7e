package dev.paved.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paved.core.error.PavedException;
import dev.paved.core.fuzz.CelMutations;
import dev.paved.core.fuzz.FuzzRun;
import dev.paved.core.fuzz.TextMutations;
import dev.paved.core.render.BuiltInMatrix;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.target.Target;
import dev.paved.reliability.Area;
import dev.paved.reliability.Reliability;
import dev.paved.reliability.Tally;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Policy files whose CEL rules (the built-in admission rules, rewritten for workloads, and rules
 * over the app's context) are mutated at random ({@link CelMutations}, sometimes {@link
 * TextMutations} over the whole file), loaded and checked against rendered apps. Each must give a
 * verdict or be refused with a {@link PavedException} that names its file and position; no other
 * exception, no hang, however costly the expression.
 */
class PolicyFuzzTest {

  private static final int INPUTS = 10_000;
  private static final String FILE = "fuzz-policy.yaml";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
  private static final List<String> CONTEXT_RULES =
      List.of(
          "has(object.spec.template.spec.priorityClassName)",
          "env != 'prod' || object.metadata.labels['paved.dev/team'] == team",
          "object.metadata.name.startsWith(app) && target in ['sandbox', 'eks']",
          "!has(object.spec.replicas) || object.spec.replicas >= 2");
  private static final List<String> SEEDS =
      Stream.concat(
              CONTEXT_RULES.stream(),
              AdmissionPolicyExport.POD_VALIDATIONS.stream()
                  .flatMap(
                      v ->
                          Stream.of(
                              v.expression(),
                              v.expression().replace("object.spec", "object.spec.template.spec"))))
          .toList();

  @Test
  @Reliability(area = Area.FUZZING, value = "Mutated policy files and CEL rules")
  void aMutatedPolicyGivesAVerdictOrIsRefusedWithAPositionedError(Tally tally) {
    Target target = BuiltInMatrix.PLATFORM.requireTarget("sandbox");
    List<RenderedApp> apps =
        List.of(
            BuiltInMatrix.render("llm-inference", "sandbox"),
            BuiltInMatrix.render("web-service", "sandbox", "dev"));
    Random random = new Random(20_260_103L);
    FuzzRun run = new FuzzRun(tally, "generated policy files");
    long errors = 0;
    long costly = 0;
    for (int i = 0; i < INPUTS; i++) {
      String text = policy(random);
      RenderedApp app = apps.get(random.nextInt(apps.size()));
      List<CheckReport> verdict = new ArrayList<>(1);
      run.attempt(FILE, text, () -> verdict.add(check(text, app, target)));
      errors += verdict.stream().filter(r -> hasError(r, "")).count();
      costly += verdict.stream().filter(r -> hasError(r, "too costly")).count();
    }
    run.requireBothOutcomes();
    assertThat(costly).as("verdicts where the evaluation budget stopped a rule").isPositive();
    tally.held(run.summary("loaded and checked"));
    tally.held(
        String.format(
            "%,d verdicts hold a blocking POLICY-ERROR finding, %,d of them a rule stopped as too costly",
            errors, costly));
  }

  private static CheckReport check(String text, RenderedApp app, Target target) {
    PolicyLoader.PolicyFile file = new PolicyLoader().read(FILE, text);
    Policies policies = PolicyLoader.combine(List.of(file), BuiltInRules.all());
    CheckReport report =
        new PolicyChecker(policies, CLOCK).check(app, target, Manifest.Budget.NONE);
    assertThat(report.findings()).allSatisfy(f -> assertThat(f.message()).isNotBlank());
    return report;
  }

  private static boolean hasError(CheckReport report, String text) {
    return report.findings().stream()
        .anyMatch(f -> f.rule().equals(CelRule.ERROR_ID) && f.message().contains(text));
  }

  private static String policy(Random random) {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: paved.dev/v1alpha1\nkind: Policy\nmetadata: {name: fuzz}\nspec:\n  rules:\n");
    for (int i = 1, rules = 1 + random.nextInt(3); i <= rules; i++) {
      String expression = SEEDS.get(random.nextInt(SEEDS.size()));
      if (random.nextInt(4) > 0) {
        expression = CelMutations.mutate(expression, random);
      }
      yaml.append("    - id: FUZZ-0")
          .append(i)
          .append("\n      severity: ")
          .append(random.nextBoolean() ? "block" : "warn");
      yaml.append(random.nextBoolean() ? "\n      kinds: [Deployment, StatefulSet, Job]" : "")
          .append("\n      expression: |-\n");
      expression.lines().forEach(line -> yaml.append("        ").append(line).append('\n'));
      yaml.append("      message: the rule is broken\n      fix: mend it\n");
    }
    yaml.append(
        "  waivers:\n    - {rule: FUZZ-01, team: search, reason: fuzzing, expires: 2099-01-01}\n");
    String text = yaml.toString();
    return random.nextInt(5) == 0 ? TextMutations.mutate(text, random) : text;
  }
}
