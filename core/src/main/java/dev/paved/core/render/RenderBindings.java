package dev.paved.core.render;

import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.ParamType;
import dev.paved.core.path.Parameter;
import dev.paved.core.platform.Team;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.target.GpuClass;
import dev.paved.core.target.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the values of the variables of {@link dev.paved.core.path.PathVariables} for one render:
 * the app, environment, team, secrets, target and the resolved GPU class, plus {@code with.*}.
 */
final class RenderBindings {

  private RenderBindings() {}

  static Map<String, Object> of(
      AppSpec spec,
      String env,
      Target target,
      Team team,
      GoldenPath path,
      Map<String, Object> with) {
    Map<String, Object> values = new HashMap<>();
    values.put("app.name", spec.app());
    values.put("app.namespace", team.namespaceFor(env));
    values.put("app.labels", Labels.standard(spec.app(), spec.team(), env));
    values.put("app.selector", Labels.selector(spec.app()));
    values.put("app.secretName", spec.app() + "-secrets");
    values.put("app.path", path.name());
    values.put("app.pathVersion", path.version().toString());
    values.put("env.name", env);
    values.put("team.name", spec.team());
    values.put("secrets", spec.secretNames());
    values.put("target.name", target.name());
    values.put("target.cloud", target.cloud());
    values.put("target.domain", target.domain());
    values.put("target.storageClass", target.storageClass());
    values.put("target.ingressClass", target.ingressClass());
    values.put("target.tlsIssuer", target.tlsIssuer());
    values.put("target.ingressFrom", ingressFrom(target));
    values.put("target.ingressAnnotations", ingressAnnotations(target));
    values.put("target.kueue", target.kueue().enabled());
    values.put("target.kueueQueue", target.kueue().queue());
    putGpu(values, gpu(path, with, target), gpuCount(path, with));
    putWith(values, "with", path.parameters(), with);
    return values;
  }

  /** Where public traffic comes from; any namespace when the target does not say. */
  private static List<Object> ingressFrom(Target target) {
    if (target.ingress().from().isEmpty()) {
      return List.of(Map.of("namespaceSelector", Map.of()));
    }
    return List.copyOf(target.ingress().from());
  }

  /** The target's Ingress annotations, plus cert-manager's issuer when it has one. */
  private static Map<String, String> ingressAnnotations(Target target) {
    Map<String, String> annotations = new java.util.LinkedHashMap<>(target.ingress().annotations());
    if (!target.tlsIssuer().isEmpty()) {
      annotations.put("cert-manager.io/cluster-issuer", target.tlsIssuer());
    }
    return annotations;
  }

  /** The GPU class the values select, if any and if the count is above zero. */
  static Optional<GpuClass> gpu(GoldenPath path, Map<String, Object> with, Target target) {
    if (gpuCount(path, with) <= 0) {
      return Optional.empty();
    }
    return path.parameters().values().stream()
        .filter(p -> p.type() == ParamType.GPU_CLASS)
        .map(p -> (String) with.get(p.name()))
        .filter(name -> !name.isEmpty())
        .findFirst()
        .flatMap(target::findGpuClass);
  }

  private static long gpuCount(GoldenPath path, Map<String, Object> with) {
    boolean hasClass =
        path.parameters().values().stream()
            .anyMatch(
                p -> p.type() == ParamType.GPU_CLASS && !((String) with.get(p.name())).isEmpty());
    if (!hasClass) {
      return 0;
    }
    return with.get("gpus") instanceof Long count ? count : 1L;
  }

  private static void putGpu(Map<String, Object> values, Optional<GpuClass> gpu, long count) {
    values.put("target.gpu.enabled", gpu.isPresent());
    values.put("target.gpu.class", gpu.map(GpuClass::name).orElse(""));
    values.put("target.gpu.count", gpu.isPresent() ? count : 0L);
    values.put("target.gpu.resource", gpu.map(GpuClass::resource).orElse("nvidia.com/gpu"));
    values.put("target.gpu.nodeSelector", gpu.map(GpuClass::nodeSelector).orElse(Map.of()));
    values.put("target.gpu.tolerations", gpu.map(GpuClass::tolerations).orElse(List.of()));
    values.put("target.gpu.runtimeClassName", gpu.map(GpuClass::runtimeClassName).orElse(""));
    values.put("target.gpu.memoryGiB", gpu.map(g -> (long) g.memoryGiB()).orElse(0L));
    values.put("target.gpu.computeMajor", gpu.map(g -> (long) g.computeMajor()).orElse(0L));
    values.put("target.gpu.cpuPerGpu", gpu.map(g -> (long) g.cpuPerGpu()).orElse(0L));
    values.put("target.gpu.memoryPerGpuGiB", gpu.map(g -> (long) g.memoryPerGpuGiB()).orElse(0L));
  }

  @SuppressWarnings("unchecked")
  private static void putWith(
      Map<String, Object> values,
      String prefix,
      Map<String, Parameter> schema,
      Map<String, Object> with) {
    for (Parameter parameter : schema.values()) {
      String name = prefix + "." + parameter.name();
      Object value = with.get(parameter.name());
      if (parameter.type() == ParamType.OBJECT) {
        putWith(values, name, parameter.properties(), (Map<String, Object>) value);
      } else {
        values.put(name, value);
      }
    }
  }
}
