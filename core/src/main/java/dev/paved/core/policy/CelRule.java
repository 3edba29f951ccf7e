package dev.paved.core.policy;

import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.error.PavedException;
import dev.paved.core.rendered.RenderedObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A platform team's rule: a CEL expression over each rendered object ({@code object}) that must be
 * true. An expression that fails to evaluate is reported as a {@code POLICY-ERROR} finding that
 * blocks, never passed silently.
 *
 * @param kinds the kinds it applies to; empty for every kind
 * @param admission whether it only reads {@code object} and may be exported as a
 *     ValidatingAdmissionPolicy
 */
public record CelRule(
    String id,
    Severity severity,
    String title,
    List<String> kinds,
    CompiledExpression expression,
    String message,
    String fix,
    boolean admission)
    implements Rule {

  public static final String ERROR_ID = "POLICY-ERROR";

  public CelRule {
    kinds = List.copyOf(kinds);
  }

  @Override
  public List<Finding> check(Manifest manifest) {
    List<Finding> findings = new ArrayList<>();
    for (RenderedObject object : manifest.objects()) {
      if (!kinds.isEmpty() && !kinds.contains(object.kind())) {
        continue;
      }
      evaluate(manifest, object).ifPresent(findings::add);
    }
    return findings;
  }

  private Optional<Finding> evaluate(Manifest manifest, RenderedObject object) {
    Map<String, Object> values = new HashMap<>();
    values.put("object", object.body());
    values.put("app", manifest.app().app());
    values.put("team", manifest.app().team());
    values.put("env", manifest.app().environment());
    values.put("target", manifest.target().name());
    try {
      if (expression.test(new CompiledExpression.Bindings(values))) {
        return Optional.empty();
      }
      return Optional.of(new Finding(id, severity, object.ref(), message, fix, Optional.empty()));
    } catch (PavedException e) {
      return Optional.of(
          new Finding(
              ERROR_ID,
              Severity.BLOCK,
              object.ref(),
              "rule " + id + " could not be evaluated: " + e.getMessage(),
              "fix the rule at " + expression.location() + " (guard optional fields with has())",
              Optional.empty()));
    }
  }
}
