package dev.paved.server.portal;

import dev.paved.core.cost.CostEstimate;
import dev.paved.core.cost.CostEstimator;
import dev.paved.core.cost.CostLine;
import dev.paved.core.cost.CostReport;
import dev.paved.core.error.PavedException;
import dev.paved.core.platform.Platform;
import dev.paved.core.policy.CheckReport;
import dev.paved.core.policy.Manifest;
import dev.paved.core.policy.PolicyChecker;
import dev.paved.core.render.ManifestWriter;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.core.target.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a draft spec would be in each chosen environment: its cost, the policy verdict and the
 * manifests, or — when it does not render — what is wrong, by field where the message names one.
 *
 * @param yaml the {@code paved.yaml} of the draft
 * @param errors field errors by field key ({@code with.gpus}, {@code app}, …)
 * @param general errors that belong to no field
 * @param envs one preview per environment that rendered
 * @param pristine nothing is filled in yet (a first visit): no error is shown, only what to do
 */
public record DraftPreview(
    String yaml,
    Map<String, String> errors,
    List<String> general,
    List<EnvPreview> envs,
    boolean pristine) {

  private static final Pattern FIELD =
      Pattern.compile(
          "^(?:paved\\.yaml[:\\d]*\\s*)?((?:with(?:\\.[A-Za-z0-9_]+)+)|app|team|secrets)\\b");

  public DraftPreview {
    errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    general = List.copyOf(general);
    envs = List.copyOf(envs);
  }

  /** The draft in one environment. */
  public record EnvPreview(
      String env,
      String target,
      String monthly,
      List<String> costLines,
      boolean blocked,
      List<FindingView> findings,
      String manifests) {}

  /** One policy finding. */
  public record FindingView(
      String severity, String rule, String object, String message, String fix, boolean waived) {

    public String css() {
      return waived ? "info" : severity.equals("block") ? "error" : "warning";
    }
  }

  public boolean ok() {
    return errors.isEmpty() && general.isEmpty();
  }

  public boolean blocked() {
    return envs.stream().anyMatch(EnvPreview::blocked);
  }

  /**
   * The preview of a form nobody filled in yet (no name, required values empty): it says what to
   * fill in, and marks nothing red.
   */
  static DraftPreview untouched() {
    return new DraftPreview("", Map.of(), List.of(), List.of(), true);
  }

  /** Previews the form's spec in each of its environments. */
  static DraftPreview of(DraftForm form, DraftForm.Spec spec, Platform platform) {
    Map<String, String> errors = new LinkedHashMap<>(spec.errors());
    List<String> general = new ArrayList<>();
    List<EnvPreview> envs = new ArrayList<>();
    String yaml = spec.yaml().orElse("");
    if (errors.isEmpty()) {
      try {
        AppSpec app = new AppSpecParser().parse("paved.yaml", yaml);
        for (String env : form.envs()) {
          envs.add(env(app, env, platform));
        }
      } catch (PavedException e) {
        place(e, errors, general);
      }
    }
    return new DraftPreview(yaml, errors, general, envs, false);
  }

  private static EnvPreview env(AppSpec spec, String env, Platform platform) {
    Target target = platform.targetFor(env);
    RenderedApp app = new Renderer(platform).render(spec, env, target);
    CheckReport report =
        new PolicyChecker(platform.policies(), Clock.systemUTC())
            .check(app, target, new Manifest.Budget(platform.team(spec.team()).monthlyBudget(), 0));
    CostEstimate cost = new CostEstimator(target).estimate(app);
    return new EnvPreview(
        env,
        target.name(),
        cost.total().map(r -> CostReport.money(r) + "/mo").orElse("unknown"),
        cost.lines().stream().map(DraftPreview::line).toList(),
        report.blocked(),
        report.findings().stream()
            .map(
                f ->
                    new FindingView(
                        f.severity().name().toLowerCase(Locale.ROOT),
                        f.rule(),
                        f.object(),
                        f.message(),
                        f.fix(),
                        f.waiver().isPresent()))
            .toList(),
        ManifestWriter.yaml(app.objects()));
  }

  private static String line(CostLine line) {
    return line.object()
        + ": "
        + line.monthly().map(r -> CostReport.money(r) + "/mo").orElse("unknown")
        + " ("
        + line.detail()
        + ")";
  }

  /** Puts an error beside the field it names, else above the form. */
  static void place(PavedException e, Map<String, String> errors, List<String> general) {
    String message = e.getMessage();
    Matcher field = FIELD.matcher(message);
    String text = message + (e.hint().isBlank() ? "" : ". " + e.hint());
    if (field.find()) {
      errors.merge(field.group(1), text, (a, b) -> a);
    } else {
      general.add(text);
    }
  }
}
