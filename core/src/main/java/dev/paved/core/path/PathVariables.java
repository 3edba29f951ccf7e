package dev.paved.core.path;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables every golden-path expression may read besides {@code with.*} and {@code vars.*}.
 * This is a public contract: renaming one breaks platform teams' paths. Documented in
 * docs/golden-paths.md.
 */
public final class PathVariables {

  private static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);

  private PathVariables() {}

  /** Name → CEL type, in documentation order. */
  public static Map<String, CelType> declarations() {
    Map<String, CelType> vars = new LinkedHashMap<>();
    vars.put("app.name", SimpleType.STRING);
    vars.put("app.namespace", SimpleType.STRING);
    vars.put("app.labels", STRING_MAP);
    vars.put("app.selector", STRING_MAP);
    vars.put("app.secretName", SimpleType.STRING);
    vars.put("app.path", SimpleType.STRING);
    vars.put("app.pathVersion", SimpleType.STRING);
    vars.put("env.name", SimpleType.STRING);
    vars.put("team.name", SimpleType.STRING);
    vars.put("secrets", ListType.create(SimpleType.STRING));
    vars.put("target.name", SimpleType.STRING);
    vars.put("target.cloud", SimpleType.STRING);
    vars.put("target.domain", SimpleType.STRING);
    vars.put("target.storageClass", SimpleType.STRING);
    vars.put("target.ingressClass", SimpleType.STRING);
    vars.put("target.tlsIssuer", SimpleType.STRING);
    vars.put("target.ingressFrom", ListType.create(SimpleType.DYN));
    vars.put("target.ingressAnnotations", STRING_MAP);
    vars.put("target.kueue", SimpleType.BOOL);
    vars.put("target.kueueQueue", SimpleType.STRING);
    vars.put("target.gpu.enabled", SimpleType.BOOL);
    vars.put("target.gpu.class", SimpleType.STRING);
    vars.put("target.gpu.count", SimpleType.INT);
    vars.put("target.gpu.resource", SimpleType.STRING);
    vars.put("target.gpu.nodeSelector", STRING_MAP);
    vars.put(
        "target.gpu.tolerations",
        ListType.create(MapType.create(SimpleType.STRING, SimpleType.STRING)));
    vars.put("target.gpu.runtimeClassName", SimpleType.STRING);
    vars.put("target.gpu.memoryGiB", SimpleType.INT);
    vars.put("target.gpu.computeMajor", SimpleType.INT);
    vars.put("target.gpu.cpuPerGpu", SimpleType.INT);
    vars.put("target.gpu.memoryPerGpuGiB", SimpleType.INT);
    return vars;
  }
}
