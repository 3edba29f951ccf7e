package dev.paved.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.paved.core.render.BuiltInMatrix;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One deliberately broken manifest per built-in rule ({@code policy/violations.yaml}): the rule
 * must fire on the edited render, with its fix, and must not fire on the unedited one.
 */
class RuleViolationsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final PolicyChecker CHECKER = new PolicyChecker(Policies.NONE, Clock.systemUTC());

  record Case(
      String rule,
      String base,
      String target,
      Optional<Double> budget,
      List<Map<String, Object>> edits) {
    @Override
    public String toString() {
      return rule;
    }
  }

  @SuppressWarnings("unchecked")
  static Stream<Case> cases() throws IOException {
    List<Map<String, Object>> raw =
        YAML.readValue(Path.of("src/test/resources/policy/violations.yaml").toFile(), List.class);
    return raw.stream()
        .map(
            c ->
                new Case(
                    (String) c.get("rule"),
                    (String) c.get("base"),
                    (String) c.getOrDefault("target", "sandbox"),
                    Optional.ofNullable((Number) c.get("budget")).map(Number::doubleValue),
                    (List<Map<String, Object>>) c.get("edits")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRuleFiresOnItsDefectWithAFix(Case c) {
    RenderedApp clean = BuiltInMatrix.render(c.base(), c.target());
    var target = BuiltInMatrix.PLATFORM.requireTarget(c.target());
    assertThat(CHECKER.check(clean, target, Manifest.Budget.NONE).findings())
        .as("the unedited render does not break %s", c.rule())
        .noneMatch(f -> f.rule().equals(c.rule()));
    RenderedApp broken = Edits.apply(clean, c.edits());
    var budget = new Manifest.Budget(c.budget(), 0);
    List<Finding> fired =
        CHECKER.check(broken, target, budget).findings().stream()
            .filter(f -> f.rule().equals(c.rule()))
            .toList();
    assertThat(fired).as("%s fires", c.rule()).isNotEmpty();
    assertThat(fired)
        .allSatisfy(
            f -> {
              assertThat(f.fix()).isNotBlank();
              assertThat(f.message()).isNotBlank();
              assertThat(f.object()).contains("/");
            });
  }

  @Test
  void everyBuiltInRuleHasAViolationCase() throws IOException {
    List<String> covered = cases().map(Case::rule).toList();
    assertThat(covered)
        .containsExactlyInAnyOrderElementsOf(BuiltInRules.all().stream().map(Rule::id).toList());
  }

  /** JSON-pointer edits on rendered objects (deep copies; the originals are immutable). */
  static final class Edits {

    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static RenderedApp apply(RenderedApp app, List<Map<String, Object>> edits) {
      List<Map<String, Object>> bodies = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (RenderedObject object : app.objects()) {
        bodies.add(JSON.convertValue(object.body(), Map.class));
        ids.add(object.resourceId());
      }
      for (Map<String, Object> edit : edits) {
        if (edit.containsKey("add")) {
          bodies.add((Map<String, Object>) edit.get("add"));
          ids.add("added");
          continue;
        }
        int index = find(app, (String) edit.get("object"));
        if (Boolean.TRUE.equals(edit.get("delete"))) {
          bodies.remove(index);
          ids.remove(index);
        } else if (edit.containsKey("remove")) {
          change(bodies.get(index), (String) edit.get("remove"), Optional.empty());
        } else {
          change(bodies.get(index), (String) edit.get("set"), Optional.of(edit.get("value")));
        }
      }
      List<RenderedObject> objects = new ArrayList<>();
      for (int i = 0; i < bodies.size(); i++) {
        objects.add(new RenderedObject(ids.get(i), bodies.get(i)));
      }
      return new RenderedApp(
          app.app(), app.team(), app.environment(), app.target(), app.path(), objects);
    }

    private static int find(RenderedApp app, String ref) {
      for (int i = 0; i < app.objects().size(); i++) {
        if (app.objects().get(i).ref().equals(ref)) {
          return i;
        }
      }
      throw new IllegalArgumentException(
          "no object " + ref + " in " + app.objects().stream().map(RenderedObject::ref).toList());
    }

    @SuppressWarnings("unchecked")
    private static void change(Object root, String pointer, Optional<Object> value) {
      String[] parts = pointer.substring(1).split("/");
      Object current = root;
      for (int i = 0; i < parts.length - 1; i++) {
        String key = parts[i].replace("~1", "/");
        current =
            current instanceof List<?> list
                ? list.get(Integer.parseInt(key))
                : ((Map<String, Object>) current).get(key);
      }
      String last = parts[parts.length - 1].replace("~1", "/");
      if (current instanceof List<?> list) {
        List<Object> items = (List<Object>) list;
        if (last.equals("-")) {
          items.add(value.orElseThrow());
        } else if (value.isPresent()) {
          items.set(Integer.parseInt(last), value.get());
        } else {
          items.remove(Integer.parseInt(last));
        }
      } else if (value.isPresent()) {
        ((Map<String, Object>) current).put(last, value.get());
      } else {
        ((Map<String, Object>) current).remove(last);
      }
    }
  }
}
