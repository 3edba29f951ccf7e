package dev.paved.server.portal;

import dev.paved.cluster.connection.ClusterInventory;
import dev.paved.core.error.NotAllowedException;
import dev.paved.core.platform.Platform;
import dev.paved.core.target.Target;
import dev.paved.server.Services;
import dev.paved.server.auth.Principal;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.Routes;
import dev.paved.server.platform.AppViews;
import dev.paved.server.platform.TargetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /**
   * A target and its cluster; {@code state} as {@link TargetStatus#state()}, {@code gpus} counts
   * allocatable GPUs by product label.
   */
  public record TargetRow(
      String name,
      String cloud,
      List<String> envs,
      List<String> gpuClasses,
      String cluster,
      String state,
      String detail,
      String hint,
      String version,
      int nodes,
      Map<String, Long> gpus) {

    public boolean reachable() {
      return state.equals("reachable");
    }
  }

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
      targets.add(target(TargetStatus.of(target, services.backend())));
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

  private static TargetRow target(TargetStatus status) {
    Target target = status.target();
    return new TargetRow(
        target.name(),
        target.cloud(),
        target.environments(),
        List.copyOf(target.gpuClasses().keySet()),
        target.cluster().describe() + status.connection().map(c -> " → " + c).orElse(""),
        status.state(),
        status.detail(),
        status.hint(),
        status.inventory().map(ClusterInventory::version).orElse(""),
        status.inventory().map(ClusterInventory::nodes).orElse(0),
        status.inventory().map(ClusterInventory::gpus).orElse(Map.of()));
  }
}
