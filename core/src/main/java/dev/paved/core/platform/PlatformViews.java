package dev.paved.core.platform;

import dev.paved.core.path.GoldenPath;
import dev.paved.core.target.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/** Golden paths and targets as plain data, the same in the CLI's JSON and the REST API. */
public final class PlatformViews {

  private PlatformViews() {}

  public static Map<String, Object> path(GoldenPath path) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", path.name());
    item.put("version", path.version().toString());
    item.put("workload", path.workload());
    item.put("description", path.description());
    item.put("parameters", path.parameters().keySet());
    return item;
  }

  public static Map<String, Object> target(Target target) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", target.name());
    item.put("cloud", target.cloud());
    item.put("environments", target.environments());
    item.put("cluster", Map.of("names", target.cluster().describe()));
    item.put("gpuClasses", target.gpuClasses().keySet());
    return item;
  }
}
