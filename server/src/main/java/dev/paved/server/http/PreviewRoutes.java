package dev.paved.server.http;

import dev.paved.core.cost.CostEstimator;
import dev.paved.core.cost.CostReport;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.platform.Platform;
import dev.paved.core.platform.Team;
import dev.paved.core.policy.CheckReport;
import dev.paved.core.policy.CheckReports;
import dev.paved.core.policy.Manifest;
import dev.paved.core.policy.PolicyChecker;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.core.target.Target;
import dev.paved.gitops.render.RepoRenderer;
import dev.paved.server.Services;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Render, check and price a draft spec against main's platform without opening a change: what the
 * portal's form shows while the user types, and what {@code paved render/check/cost} print.
 */
public final class PreviewRoutes {

  /** {@code POST /api/v1/preview} body. */
  public record Draft(String spec, String env, String target) {}

  private PreviewRoutes() {}

  public static void register(Routes routes, Services services) {
    routes.post(
        "/api/v1/preview", ctx -> ctx.json(preview(Bodies.read(ctx, Draft.class), services)));
  }

  static Map<String, Object> preview(Draft draft, Services services) {
    if (draft.spec() == null || draft.spec().isBlank()) {
      throw new InvalidInputException(
          "spec is missing", "send {\"spec\": \"<paved.yaml>\", \"env\": \"dev\"}");
    }
    String env =
        draft.env() == null || draft.env().isBlank()
            ? "dev"
            : AppRoutes.name(draft.env(), "environment");
    AppSpec spec = new AppSpecParser().parse("paved.yaml", draft.spec());
    Platform platform = services.backend().platform();
    RepoRenderer.environmentsOf(services.backend().main()).requireKnown(env, platform);
    Target target =
        draft.target() == null || draft.target().isBlank()
            ? platform.targetFor(env)
            : platform.requireTarget(draft.target());
    RenderedApp app = new Renderer(platform).render(spec, env, target);
    Team team = platform.team(spec.team());
    CheckReport report =
        new PolicyChecker(platform.policies(), Clock.systemUTC())
            .check(app, target, new Manifest.Budget(team.monthlyBudget(), 0));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("app", spec.app());
    view.put("team", spec.team());
    view.put("env", env);
    view.put("target", target.name());
    view.put("manifests", app.objects().stream().map(RenderedObject::body).toList());
    view.put("check", CheckReports.json(report));
    view.put("cost", CostReport.json(new CostEstimator(target).estimate(app)));
    return view;
  }
}
