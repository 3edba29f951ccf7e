package dev.paved.server.portal;

import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.ParamType;
import dev.paved.core.path.Parameter;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A golden path's form as the user filled it: the app's name, team, environments, parameters and
 * secret names, turned into the {@code paved.yaml} it stands for. Values equal to the path's
 * default are left out, so the file stays the ten lines a developer would write.
 *
 * @param values raw field values by key ({@code with.replicas.min})
 */
public record DraftForm(
    String path,
    String app,
    String team,
    List<String> envs,
    Map<String, String> values,
    String secrets) {

  public DraftForm {
    envs = List.copyOf(envs);
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The spec, or why fields cannot be read (by field key). */
  public record Spec(Optional<String> yaml, Map<String, String> errors) {}

  /**
   * What a text field shows while empty: the path's default when it has one (what the app gets),
   * else an example of the quantity it takes (memory and storage in bytes, CPU in cores).
   */
  public static Optional<String> placeholder(dev.paved.core.path.Parameter p) {
    if (p.defaultValue().isPresent()) {
      return Optional.of("default " + p.defaultValue().get());
    }
    if (p.type() != ParamType.QUANTITY) {
      return Optional.empty();
    }
    String name = p.name().toLowerCase(java.util.Locale.ROOT);
    return Optional.of(
        name.contains("memory") || name.contains("storage") || name.contains("shm")
            ? "e.g. 16Gi"
            : "e.g. 500m or 2");
  }

  /** Nothing is filled in yet: no name, and every required value empty. */
  boolean untouched(GoldenPath path) {
    return app.isBlank()
        && Field.of(path).stream()
            .filter(f -> f.parameter().required())
            .allMatch(f -> values.getOrDefault(f.key(), "").isBlank());
  }

  /** Reads the submitted form of {@code path}. */
  static DraftForm from(Context ctx, GoldenPath path) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Field field : Field.of(path)) {
      String raw = ctx.formParam(field.key());
      if (field.parameter().type() == ParamType.BOOLEAN) {
        values.put(field.key(), raw == null ? "false" : "true");
      } else {
        values.put(field.key(), raw == null ? "" : raw.strip());
      }
    }
    return new DraftForm(
        path.name(),
        text(ctx.formParam("app")),
        text(ctx.formParam("team")),
        ctx.formParams("envs").stream().distinct().limit(20).toList(),
        values,
        text(ctx.formParam("secrets")));
  }

  /** A form with the path's defaults, for a first visit. */
  static DraftForm empty(GoldenPath path, String team, List<String> envs) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Field field : Field.of(path)) {
      values.put(field.key(), field.parameter().defaultValue().map(DraftForm::shown).orElse(""));
    }
    return new DraftForm(path.name(), "", team, envs, values, "");
  }

  /** How a default value appears in its field. */
  public static String shown(Object value) {
    if (value instanceof List<?> list) {
      return String.join("\n", list.stream().map(String::valueOf).toList());
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return String.valueOf(d.longValue());
    }
    return String.valueOf(value);
  }

  public String value(String key) {
    return values.getOrDefault(key, "");
  }

  public boolean checked(String env) {
    return envs.contains(env);
  }

  /** The {@code paved.yaml} this form stands for. */
  Spec toSpec(GoldenPath path) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Object> with = new LinkedHashMap<>();
    for (Field field : Field.of(path)) {
      String raw = value(field.key());
      Parameter parameter = field.parameter();
      if (raw.isEmpty()) {
        if (parameter.required()) {
          errors.put(field.key(), "required: " + parameter.description());
        }
        continue;
      }
      try {
        Object typed = typed(parameter.type(), raw);
        if (!parameter.defaultValue().map(d -> same(d, typed)).orElse(false)) {
          put(with, field.key().substring("with.".length()), typed);
        }
      } catch (NumberFormatException e) {
        errors.put(field.key(), "must be a " + parameter.type().word() + " number");
      }
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("apiVersion", "paved.dev/v1alpha1");
    spec.put("kind", "App");
    spec.put("app", app);
    spec.put("team", team);
    spec.put("path", path.name());
    if (!with.isEmpty()) {
      spec.put("with", with);
    }
    List<String> secretNames =
        Arrays.stream(secrets.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    if (!secretNames.isEmpty()) {
      spec.put("secrets", secretNames);
    }
    if (app.isEmpty()) {
      errors.put("app", "required: the app's name, a DNS label such as chat");
    }
    if (envs.isEmpty()) {
      errors.put("envs", "choose at least one environment");
    }
    return new Spec(Optional.of(dev.paved.core.spec.SpecYaml.write(spec)), errors);
  }

  private static Object typed(ParamType type, String raw) {
    return switch (type) {
      case INTEGER -> Long.parseLong(raw);
      case NUMBER -> Double.parseDouble(raw);
      case BOOLEAN -> Boolean.parseBoolean(raw);
      case LIST -> raw.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      default -> raw;
    };
  }

  private static boolean same(Object fallback, Object value) {
    if (fallback instanceof Number a && value instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return fallback.equals(value);
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> with, String key, Object value) {
    int dot = key.indexOf('.');
    if (dot < 0) {
      with.put(key, value);
      return;
    }
    Map<String, Object> nested =
        (Map<String, Object>)
            with.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<String, Object>());
    put(nested, key.substring(dot + 1), value);
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  /** One input of the form: a parameter (nested ones flattened) with its key and group. */
  public record Field(String key, String group, Parameter parameter) {

    /** The id of the element that shows this field's error. */
    public String errorId() {
      return "err-" + key.replace('.', '-');
    }

    public String inputId() {
      return "f-" + key.replace('.', '-');
    }

    static List<Field> of(GoldenPath path) {
      List<Field> fields = new ArrayList<>();
      path.parameters().values().forEach(p -> add(fields, "with", "", p));
      return fields;
    }

    private static void add(List<Field> fields, String prefix, String group, Parameter p) {
      String key = prefix + "." + p.name();
      if (p.type() == ParamType.OBJECT) {
        p.properties().values().forEach(child -> add(fields, key, p.name(), child));
      } else {
        fields.add(new Field(key, group, p));
      }
    }
  }
}
