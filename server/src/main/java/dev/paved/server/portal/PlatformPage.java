package dev.paved.server.portal;

import dev.paved.cluster.connection.ClusterConnection;
import dev.paved.cluster.connection.Reachability;
import dev.paved.core.error.NotAllowedException;
import dev.paved.core.platform.Platform;
import dev.paved.core.target.Target;
import dev.paved.server.Services;
import dev.paved.server.auth.Principal;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.Routes;
import dev.paved.server.platform.AppViews;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The platform engineer's view: targets with reachability and GPU capacity, golden paths with their
 * version and the apps on each, policies and waivers.
 */
public record PlatformPage(
    Chrome chrome,
    List<TargetRow> targets,
    List<PathRow> paths,
    List<RuleRow> rules,
    List<WaiverRow> waivers) {

  public PlatformPage {
    targets = List.copyOf(targets);
    paths = List.copyOf(paths);
    rules = List.copyOf(rules);
    waivers = List.copyOf(waivers);
  }

  /** A target; {@code gpus} counts allocatable GPUs by product label. */
  public record TargetRow(
      String name,
      String cloud,
      List<String> envs,
      List<String> gpuClasses,
      String reachability,
      boolean reachable,
      int nodes,
      Map<String, Long> gpus) {}

  /** A golden path with the apps that use it. */
  public record PathRow(String name, String version, String workload, List<String> apps) {}

  /** A platform policy rule. */
  public record RuleRow(
      String id, String severity, String title, List<String> kinds, String message) {}

  /** A waiver: which rule it excuses, for whom, why, until when. */
  public record WaiverRow(
      String rule, String scope, String reason, String expires, boolean expired) {}

  static void register(Routes routes, Services services, Pages pages) {
    routes.get("/platform", ctx -> pages.render(ctx, "platform.jte", of(ctx, services)));
  }

  static PlatformPage of(io.javalin.http.Context ctx, Services services) {
    Principal principal = Authentication.principal(ctx);
    if (!principal.platform()) {
      throw new NotAllowedException(
          principal.user() + " does not have the platform role",
          "the platform pages are for platform engineers");
    }
    Platform platform = services.backend().platform();
    List<AppViews.AppView> apps =
        new AppViews(services.backend()).specsOnly(services.backend().main());
    List<TargetRow> targets = new ArrayList<>();
    for (Target target : platform.targets().values()) {
      targets.add(target(target, services.backend().connection(target.name())));
    }
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    return new PlatformPage(
        Pages.chrome(ctx, "platform", "Platform"),
        targets,
        platform.paths().latest().stream()
            .map(
                p ->
                    new PathRow(
                        p.name(),
                        p.version().toString(),
                        p.workload(),
                        apps.stream()
                            .filter(a -> a.path().replaceAll("@.*", "").equals(p.name()))
                            .map(a -> a.team() + "/" + a.app())
                            .toList()))
            .toList(),
        platform.policies().rules().stream()
            .map(
                r ->
                    new RuleRow(
                        r.id(),
                        r.severity().name().toLowerCase(java.util.Locale.ROOT),
                        r.title(),
                        r.kinds(),
                        r.message()))
            .toList(),
        platform.policies().waivers().stream()
            .map(
                w ->
                    new WaiverRow(
                        w.rule(),
                        w.team().map(t -> "team " + t).orElse("every team")
                            + w.app().map(a -> ", app " + a).orElse(""),
                        w.reason(),
                        w.expires().toString(),
                        w.expires().isBefore(today)))
            .toList());
  }

  private static TargetRow target(Target target, Optional<ClusterConnection> connection) {
    String state = "no cluster attached";
    boolean reachable = false;
    int nodes = 0;
    Map<String, Long> gpus = new TreeMap<>();
    if (target.environments().isEmpty()) {
      // no environment syncs here, so the server holds no connection to it: nothing to probe
      state = "no environment syncs to it";
    } else if (connection.isPresent()) {
      Reachability reachability = connection.get().check();
      switch (reachability) {
        case Reachability.Reachable r -> {
          state = "reachable since " + r.since().toString().substring(0, 19).replace('T', ' ');
          reachable = true;
        }
        case Reachability.Unreachable u -> state = "unreachable: " + u.reason();
      }
      if (reachable) {
        try {
          List<Node> list = connection.get().client().nodes().list().getItems();
          nodes = list.size();
          list.forEach(n -> count(n, gpus));
        } catch (KubernetesClientException e) {
          state = "reachable, but nodes cannot be listed: " + e.getMessage();
        }
      }
    }
    return new TargetRow(
        target.name(),
        target.cloud(),
        target.environments(),
        List.copyOf(target.gpuClasses().keySet()),
        state,
        reachable,
        nodes,
        gpus);
  }

  private static void count(Node node, Map<String, Long> gpus) {
    Map<String, io.fabric8.kubernetes.api.model.Quantity> allocatable =
        Optional.ofNullable(node.getStatus()).map(s -> s.getAllocatable()).orElse(Map.of());
    Map<String, String> labels =
        Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of());
    allocatable.forEach(
        (resource, quantity) -> {
          if (resource.endsWith("/gpu")) {
            long count = quantity.getNumericalAmount().longValue();
            if (count > 0) {
              String product =
                  labels.entrySet().stream()
                      .filter(
                          e ->
                              e.getKey().endsWith("gpu.product")
                                  || e.getKey().endsWith("accelerator")
                                  || e.getKey().endsWith("gpu-accelerator"))
                      .map(Map.Entry::getValue)
                      .findFirst()
                      .orElse(resource);
              gpus.merge(product, count, Long::sum);
            }
          }
        });
  }
}
