package dev.paved.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** A check report as plain data: the JSON of {@code paved check -o json} and of the API. */
public final class CheckReports {

  private CheckReports() {}

  public static Map<String, Object> json(CheckReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("app", report.app());
    json.put("environment", report.environment());
    json.put("target", report.target());
    json.put("blocked", report.blocked());
    json.put("findings", report.findings().stream().map(CheckReports::finding).toList());
    return json;
  }

  private static Map<String, Object> finding(Finding f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rule", f.rule());
    json.put("severity", f.severity().word());
    json.put("object", f.object());
    json.put("message", f.message());
    json.put("fix", f.fix());
    f.waiver()
        .ifPresent(
            w ->
                json.put(
                    "waiver",
                    Map.of(
                        "reason",
                        w.reason(),
                        "expires",
                        w.expires().toString(),
                        "location",
                        w.location().toString())));
    return json;
  }
}
