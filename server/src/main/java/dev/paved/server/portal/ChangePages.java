package dev.paved.server.portal;

import dev.paved.core.error.PavedException;
import dev.paved.core.platform.Platform;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequest;
import dev.paved.gitops.change.ChangeRequests;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.server.Services;
import dev.paved.server.auth.Access;
import dev.paved.server.auth.Principal;
import dev.paved.server.http.Authentication;
import dev.paved.server.http.ChangeRoutes;
import dev.paved.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Comparator;
import java.util.List;

/** The change requests: the list, one change, and its approve, merge and close buttons. */
final class ChangePages {

  private ChangePages() {}

  static void register(Routes routes, Services services, Pages pages) {
    routes
        .get("/changes", ctx -> pages.render(ctx, "changes.jte", list(ctx, services)))
        .get("/changes/{id}", ctx -> show(ctx, services, pages, java.util.Optional.empty(), 200))
        .get(
            "/changes/{id}/sync",
            ctx -> pages.render(ctx, "parts/change-sync.jte", page(ctx, services, false)))
        .post("/changes/{id}/approve", ctx -> act(ctx, services, pages, "approve"))
        .post("/changes/{id}/merge", ctx -> act(ctx, services, pages, "merge"))
        .post("/changes/{id}/close", ctx -> act(ctx, services, pages, "close"));
  }

  private static ChangeList list(Context ctx, Services services) {
    Principal principal = Authentication.principal(ctx);
    Platform platform = services.backend().platform();
    List<ChangeRequest> visible =
        services.backend().changes().list().stream()
            .filter(c -> ChangeRoutes.visible(principal, platform, c))
            .sorted(Comparator.comparing(ChangeRequest::opened).reversed())
            .toList();
    return new ChangeList(
        Pages.chrome(ctx, "changes", "Changes"),
        visible.stream().filter(c -> !c.state().finished()).toList(),
        visible.stream().filter(c -> c.state().finished()).limit(100).toList());
  }

  private static void show(
      Context ctx,
      Services services,
      Pages pages,
      java.util.Optional<Chrome.Banner> banner,
      int status) {
    ChangePage page = page(ctx, services, "split".equals(ctx.queryParam("view")));
    ctx.status(status);
    pages.render(ctx, "change.jte", banner.map(b -> withBanner(page, b)).orElse(page));
  }

  private static ChangePage page(Context ctx, Services services, boolean split) {
    Principal principal = Authentication.principal(ctx);
    ChangeRequest change = services.backend().changes().require(ctx.pathParam("id"));
    ChangeRoutes.requireVisible(principal, services, change, ctx);
    return ChangePage.of(Pages.chrome(ctx, "changes", change.title()), services, change, split);
  }

  private static ChangePage withBanner(ChangePage page, Chrome.Banner banner) {
    return new ChangePage(
        page.chrome().with(banner),
        page.change(),
        page.split(),
        page.specDiffs(),
        page.rendered(),
        page.findings(),
        page.costs(),
        page.costDelta(),
        page.problems(),
        page.blocking(),
        page.actions(),
        page.sync());
  }

  private static void act(Context ctx, Services services, Pages pages, String action) {
    Principal principal = Authentication.principal(ctx);
    String id = ctx.pathParam("id");
    ChangeRequest change = services.backend().changes().require(id);
    ChangeRoutes.requireVisible(principal, services, change, ctx);
    try {
      String notice =
          ChangeRoutes.audited(
              ctx,
              services,
              principal,
              "change." + action,
              "change/" + id,
              () -> run(services.backend().changes(), id, Access.actor(principal), action));
      ChangeRoutes.announce(services, services.backend().changes().require(id));
      if (notice.isEmpty()) {
        ctx.redirect("/changes/" + id, HttpStatus.SEE_OTHER);
      } else {
        show(
            ctx,
            services,
            pages,
            java.util.Optional.of(new Chrome.Banner("error", notice, "")),
            409);
      }
    } catch (PavedException e) {
      show(
          ctx,
          services,
          pages,
          java.util.Optional.of(new Chrome.Banner("error", e.getMessage(), e.hint())),
          e.httpStatus());
    }
  }

  /** Runs the action; a refused merge comes back as its reason (empty when all went well). */
  private static String run(ChangeRequests changes, String id, Actor actor, String action) {
    switch (action) {
      case "approve" -> changes.approve(id, actor);
      case "close" -> changes.close(id, actor);
      default -> {
        MergeOutcome outcome = changes.merge(id, actor);
        if (outcome instanceof MergeOutcome.Refused refused) {
          return "Not merged: "
              + refused.reason()
              + (refused.files().isEmpty() ? "" : " (" + String.join(", ", refused.files()) + ")");
        }
      }
    }
    return "";
  }
}
