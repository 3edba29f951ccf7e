package dev.paved.cluster.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One diagnosed problem: what is wrong ({@code summary}), on which object ({@code Kind/ns/name}),
 * the evidence read from the cluster, the fix in plain words, and, where the fix is a change to
 * {@code paved.yaml}, a {@code specPatch} to merge into the spec (maps merge, lists are unions).
 *
 * @param app the Paved app the object belongs to ({@code paved.dev/app}), when it carries one
 */
public record Finding(
    Code code,
    Severity severity,
    String object,
    String summary,
    List<String> evidence,
    String fix,
    Optional<Map<String, Object>> specPatch,
    Optional<String> app) {

  public Finding {
    if (summary.isBlank() || fix.isBlank() || object.isBlank()) {
      throw new IllegalArgumentException("a finding needs an object, a summary and a fix: " + code);
    }
    evidence = List.copyOf(evidence);
    specPatch = specPatch.map(p -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(p)));
  }

  public static Finding of(Code code, String object, String summary, String fix) {
    return new Finding(
        code, code.severity(), object, summary, List.of(), fix, Optional.empty(), Optional.empty());
  }

  public Finding withEvidence(List<String> more) {
    List<String> all = new ArrayList<>(evidence);
    more.stream().filter(e -> !all.contains(e)).forEach(all::add);
    return new Finding(code, severity, object, summary, all, fix, specPatch, app);
  }

  public Finding withEvidence(String line) {
    return withEvidence(List.of(line));
  }

  public Finding withPatch(Map<String, Object> patch) {
    return new Finding(code, severity, object, summary, evidence, fix, Optional.of(patch), app);
  }

  public Finding withPatch(Optional<Map<String, Object>> patch) {
    return patch.map(this::withPatch).orElse(this);
  }

  public Finding on(String otherObject, Optional<String> otherApp) {
    return new Finding(code, severity, otherObject, summary, evidence, fix, specPatch, otherApp);
  }
}
