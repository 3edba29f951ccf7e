package dev.paved.core.policy;

import dev.cel.common.types.SimpleType;
import dev.paved.core.cel.CompiledExpression;
import dev.paved.core.cel.ExpressionEnvironment;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.text.Suggestions;
import dev.paved.core.yaml.Headers;
import dev.paved.core.yaml.MapReader;
import dev.paved.core.yaml.Node;
import dev.paved.core.yaml.ScalarNode;
import dev.paved.core.yaml.YamlReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code Policy} files: CEL rules over rendered objects and waivers. Expressions are
 * type-checked at load; waivers must name a known rule. Every error has file, line and column.
 */
public final class PolicyLoader {

  private static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
  private static final ExpressionEnvironment ENVIRONMENT =
      ExpressionEnvironment.of(
          Map.of(
              "object",
              SimpleType.DYN,
              "app",
              SimpleType.STRING,
              "team",
              SimpleType.STRING,
              "env",
              SimpleType.STRING,
              "target",
              SimpleType.STRING));

  private final YamlReader yaml = new YamlReader();

  /** A file read but not yet checked against the other files (waivers may name their rules). */
  public record PolicyFile(
      List<CelRule> rules, List<Waiver> waivers, Map<Waiver, Node> waiverRuleNodes) {}

  public PolicyFile read(String file, String text) {
    MapReader root = Headers.document(yaml, file, text, "Policy");
    MapReader.of(root.require("metadata"), "metadata")
        .allowOnly(Set.of("name"))
        .requireString("name");
    MapReader spec =
        MapReader.of(root.require("spec"), "spec").allowOnly(Set.of("rules", "waivers"));
    List<CelRule> rules = new ArrayList<>();
    List<Node> ruleNodes = spec.list("rules");
    for (int i = 0; i < ruleNodes.size(); i++) {
      rules.add(rule(MapReader.of(ruleNodes.get(i), "spec.rules[" + i + "]")));
    }
    Map<Waiver, Node> waivers = new LinkedHashMap<>();
    List<Node> waiverNodes = spec.list("waivers");
    for (int i = 0; i < waiverNodes.size(); i++) {
      MapReader waiver = MapReader.of(waiverNodes.get(i), "spec.waivers[" + i + "]");
      waivers.put(waiver(waiver), waiver.require("rule"));
    }
    return new PolicyFile(rules, List.copyOf(waivers.keySet()), waivers);
  }

  /** Combines files: rule ids must be unique and new; every waiver must name a known rule. */
  public static Policies combine(List<PolicyFile> files, List<Rule> builtIn) {
    Set<String> ids = new HashSet<>();
    builtIn.forEach(r -> ids.add(r.id()));
    List<CelRule> rules = new ArrayList<>();
    for (PolicyFile file : files) {
      for (CelRule rule : file.rules()) {
        if (!ids.add(rule.id())) {
          throw new InvalidInputException(
              "rule id '" + rule.id() + "' is already taken",
              rule.expression().location(),
              "give the rule its own id, e.g. ORG-" + rule.id().replaceAll("^[A-Z]+-", ""));
        }
        rules.add(rule);
      }
    }
    List<Waiver> waivers = new ArrayList<>();
    for (PolicyFile file : files) {
      file.waiverRuleNodes()
          .forEach(
              (waiver, node) -> {
                if (!ids.contains(waiver.rule())) {
                  throw new InvalidInputException(
                      "unknown rule id '" + waiver.rule() + "' in a waiver",
                      node.location(),
                      Suggestions.hint(waiver.rule(), ids));
                }
                waivers.add(waiver);
              });
    }
    return new Policies(rules, waivers);
  }

  private static CelRule rule(MapReader rule) {
    rule.allowOnly(
        Set.of("id", "severity", "title", "kinds", "expression", "message", "fix", "admission"));
    String id = rule.requireString("id");
    if (!RULE_ID.matcher(id).matches()) {
      throw new InvalidInputException(
          rule.child("id") + ": '" + id + "' is not a rule id",
          rule.require("id").location(),
          "use upper-case words joined by '-', e.g. ORG-01");
    }
    Node expressionNode = rule.require("expression");
    String text = MapReader.string(expressionNode, rule.child("expression")).strip();
    if (text.startsWith("${") && text.endsWith("}")) {
      text = text.substring(2, text.length() - 1);
    }
    CompiledExpression expression = ENVIRONMENT.compile(text, expressionNode.location());
    String type = expression.resultType().name();
    if (!type.equals("bool") && !type.equals("dyn")) {
      throw new InvalidInputException(
          rule.child("expression") + ": the expression is " + type + ", not bool",
          expressionNode.location(),
          "write a condition that is true when the object complies");
    }
    return new CelRule(
        id,
        severity(rule),
        rule.findString("title").orElse(id),
        rule.stringList("kinds"),
        expression,
        rule.requireString("message"),
        rule.requireString("fix"),
        rule.findBoolean("admission").orElse(!text.matches(".*\\b(app|team|env|target)\\b.*")));
  }

  private static Severity severity(MapReader rule) {
    String word = rule.findString("severity").orElse("block");
    return switch (word) {
      case "block" -> Severity.BLOCK;
      case "warn" -> Severity.WARN;
      default ->
          throw new InvalidInputException(
              rule.child("severity") + ": '" + word + "' is not block or warn",
              rule.require("severity").location(),
              "write severity: block or severity: warn");
    };
  }

  private static Waiver waiver(MapReader waiver) {
    waiver.allowOnly(Set.of("rule", "team", "app", "reason", "expires"));
    Node expires = waiver.require("expires");
    return new Waiver(
        waiver.requireString("rule"),
        waiver.findString("team"),
        waiver.findString("app"),
        waiver.requireString("reason"),
        date(expires, waiver.child("expires")),
        waiver.location());
  }

  private static LocalDate date(Node node, String field) {
    String text = node instanceof ScalarNode s ? s.text() : "";
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          field + ": '" + text + "' is not a date",
          node.location(),
          "write it as YYYY-MM-DD, e.g. 2027-03-31");
    }
  }
}
