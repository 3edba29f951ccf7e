package dev.paved.cli;

import dev.paved.cluster.doctor.Diagnosis;
import dev.paved.cluster.doctor.Finding;
import dev.paved.cluster.doctor.Severity;
import java.util.Map;

/** The doctor's findings for people: the problem, the evidence, the fix. */
final class DoctorText {

  private DoctorText() {}

  static String render(Diagnosis diagnosis) {
    StringBuilder text = new StringBuilder();
    for (Finding finding : diagnosis.findings()) {
      text.append(finding.severity().json().toUpperCase(java.util.Locale.ROOT))
          .append("  ")
          .append(finding.code())
          .append("  ")
          .append(finding.object())
          .append('\n');
      text.append("  ").append(finding.summary()).append('\n');
      for (String line : finding.evidence()) {
        text.append("    - ").append(line).append('\n');
      }
      text.append("  fix: ").append(finding.fix()).append('\n');
      finding
          .specPatch()
          .ifPresent(p -> text.append("  paved.yaml: ").append(flat("", p)).append('\n'));
      text.append('\n');
    }
    long errors = diagnosis.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
    text.append(
        diagnosis.findings().isEmpty()
            ? "No problems found"
            : diagnosis.findings().size()
                + " finding"
                + (diagnosis.findings().size() == 1 ? "" : "s")
                + " ("
                + errors
                + " error"
                + (errors == 1 ? "" : "s")
                + ")");
    text.append(" at ").append(diagnosis.at()).append(".\n");
    return text.toString();
  }

  /** {@code {with: {gpus: 2}}} → {@code with.gpus: 2}. */
  private static String flat(String prefix, Map<String, Object> patch) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) nested;
        out.append(out.isEmpty() ? "" : ", ").append(flat(key, map));
      } else {
        out.append(out.isEmpty() ? "" : ", ").append(key).append(": ").append(entry.getValue());
      }
    }
    return out.toString();
  }
}
