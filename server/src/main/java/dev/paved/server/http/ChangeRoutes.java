package dev.paved.server.http;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.NotAllowedException;
import dev.paved.core.platform.Platform;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.gitops.change.Actor;
import dev.paved.gitops.change.ChangeRequest;
import dev.paved.gitops.change.Intent;
import dev.paved.gitops.change.MergeOutcome;
import dev.paved.gitops.change.Opened;
import dev.paved.server.Services;
import dev.paved.server.auth.Access;
import dev.paved.server.auth.Principal;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Change requests: open, read with checks, approve, merge, close, recheck. */
public final class ChangeRoutes {

  /** {@code POST /api/v1/changes} body. */
  public record NewChange(String title, List<IntentBody> intents) {}

  /** One intent; which fields are needed depends on {@code type}. */
  public record IntentBody(
      String type,
      String spec,
      List<String> envs,
      String team,
      String app,
      String env,
      String path,
      String text,
      Boolean delete) {}

  private ChangeRoutes() {}

  public static void register(Routes routes, Services services) {
    routes
        .get("/api/v1/changes", ctx -> list(ctx, services))
        .post("/api/v1/changes", ctx -> open(ctx, services))
        .get("/api/v1/changes/{id}", ctx -> show(ctx, services))
        .post("/api/v1/changes/{id}/approve", ctx -> act(ctx, services, "approve"))
        .post("/api/v1/changes/{id}/merge", ctx -> act(ctx, services, "merge"))
        .post("/api/v1/changes/{id}/close", ctx -> act(ctx, services, "close"))
        .post("/api/v1/changes/{id}/recheck", ctx -> act(ctx, services, "recheck"));
  }

  private static void list(Context ctx, Services services) {
    Principal principal = Authentication.principal(ctx);
    Platform platform = services.backend().platform();
    ctx.json(
        Map.of(
            "changes",
            services.backend().changes().list().stream()
                .filter(c -> visible(principal, platform, c))
                .map(ChangeViews::change)
                .toList()));
  }

  private static void show(Context ctx, Services services) {
    Principal principal = Authentication.principal(ctx);
    ChangeRequest change = services.backend().changes().require(ctx.pathParam("id"));
    requireVisible(principal, services, change, ctx);
    Map<String, Object> view = new LinkedHashMap<>(ChangeViews.change(change));
    view.put("checks", ChangeViews.checks(services.backend().changes().checks(change.id())));
    ChangeViews.waiting(view, services.backend().changes(), change.id());
    ctx.json(view);
  }

  private static void open(Context ctx, Services services) {
    Principal principal = Authentication.principal(ctx);
    NewChange body = Bodies.read(ctx, NewChange.class);
    List<Intent> intents = intents(body);
    String title = title(body, intents);
    Opened opened = openAudited(ctx, services, principal, title, intents);
    ctx.status(201).json(ChangeViews.opened(opened, services.backend().changes()));
  }

  private static void act(Context ctx, Services services, String action) {
    Principal principal = Authentication.principal(ctx);
    String id = ctx.pathParam("id");
    ChangeRequest change = services.backend().changes().require(id);
    requireVisible(principal, services, change, ctx);
    Object result =
        audited(
            ctx,
            services,
            principal,
            "change." + action,
            "change/" + id,
            () -> {
              Actor actor = Access.actor(principal);
              var changes = services.backend().changes();
              return switch (action) {
                case "approve" -> ChangeViews.change(changes.approve(id, actor));
                case "close" -> ChangeViews.change(changes.close(id, actor));
                case "recheck" -> {
                  Opened again = changes.recheck(id, actor);
                  Map<String, Object> view =
                      new LinkedHashMap<>(ChangeViews.change(again.change()));
                  view.put("checks", ChangeViews.checks(again.checks()));
                  yield view;
                }
                default -> merge(changes.merge(id, actor), changes.require(id));
              };
            });
    announce(services, services.backend().changes().require(id));
    ctx.json(result);
  }

  private static Map<String, Object> merge(MergeOutcome outcome, ChangeRequest change) {
    Map<String, Object> view = new LinkedHashMap<>(ChangeViews.change(change));
    view.put("outcome", ChangeViews.outcome(outcome));
    return view;
  }

  /** Opens a change as the user, audited, and tells its teams; the API and the portal both do. */
  public static Opened openAudited(
      Context ctx, Services services, Principal principal, String title, List<Intent> intents) {
    Opened opened =
        audited(
            ctx,
            services,
            principal,
            "change.open",
            title,
            () -> services.backend().changes().open(Access.actor(principal), title, intents));
    announce(services, services.backend().changes().require(opened.change().id()));
    return opened;
  }

  /** Tells the teams of a change (everyone for platform-only changes) what happened to it. */
  public static void announce(Services services, ChangeRequest change) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", change.id());
    data.put("title", change.title());
    data.put("state", change.state().name().toLowerCase(java.util.Locale.ROOT));
    data.put("author", change.author());
    Set<String> teams = teams(change);
    data.put("teams", teams);
    if (teams.isEmpty()) {
      services.events().publish("change", java.util.Optional.empty(), data);
    } else {
      teams.forEach(t -> services.events().publish("change", java.util.Optional.of(t), data));
    }
  }

  /** Runs a state change; a refusal is audited as denied, a success as ok. */
  /**
   * Refuses a state change up front (503) while the database is away, so a change never happens
   * without its audit entry; an audit write that fails after the change did happen is logged once.
   */
  public static <T> T audited(
      Context ctx,
      Services services,
      Principal principal,
      String action,
      String target,
      java.util.function.Supplier<T> work) {
    if (!services.database().reachable()) {
      throw dev.paved.server.db.Database.unreachable(
          services.database().settings(), new IllegalStateException("no connection"));
    }
    try {
      T result = work.get();
      try {
        services.audit().record(principal.user(), action, target, "ok", ctx.ip(), "");
      } catch (dev.paved.core.error.EnvironmentException e) {
        System.getLogger(ChangeRoutes.class.getName())
            .log(
                System.Logger.Level.ERROR,
                "done but not audited: " + principal.user() + " " + action + " " + target,
                e);
      }
      return result;
    } catch (NotAllowedException e) {
      services.audit().record(principal.user(), action, target, "denied", ctx.ip(), e.getMessage());
      throw e;
    }
  }

  /** Refuses (403, audited) a user who may not see the change. */
  public static void requireVisible(
      Principal principal, Services services, ChangeRequest change, Context ctx) {
    if (!visible(principal, services.backend().platform(), change)) {
      services
          .audit()
          .record(
              principal.user(),
              "change.read",
              "change/" + change.id(),
              "denied",
              ctx.ip(),
              "not a member of its teams");
      throw new NotAllowedException(
          principal.user()
              + " may not see change "
              + change.id()
              + ": it belongs to teams "
              + teams(change),
          "ask a member of those teams or a platform engineer");
    }
  }

  /** Whether the user may see the change: its author, or a reader of one of its teams. */
  public static boolean visible(Principal principal, Platform platform, ChangeRequest change) {
    if (change.author().equals(principal.user())) {
      return true;
    }
    Set<String> teams = teams(change);
    return teams.isEmpty() || teams.stream().anyMatch(t -> Access.canRead(principal, platform, t));
  }

  /**
   * The teams whose apps a change touches; empty for platform-only changes (everyone sees those).
   */
  public static Set<String> teams(ChangeRequest change) {
    Set<String> teams = new TreeSet<>();
    for (Intent intent : change.intents()) {
      switch (intent) {
        case Intent.PutApp put -> {
          try {
            teams.add(new AppSpecParser().parse("paved.yaml", put.spec()).team());
          } catch (RuntimeException e) {
            // a spec that no longer parses has no team to protect
          }
        }
        case Intent.RemoveApp remove -> teams.add(remove.team());
        default -> {}
      }
    }
    return teams;
  }

  private static List<Intent> intents(NewChange body) {
    if (body.intents() == null || body.intents().isEmpty()) {
      throw new InvalidInputException(
          "a change needs at least one intent",
          "send {\"intents\": [{\"type\": \"put-app\", \"spec\": \"<paved.yaml>\", \"envs\": [\"dev\"]}]}");
    }
    List<Intent> intents = new ArrayList<>();
    for (int i = 0; i < body.intents().size(); i++) {
      intents.add(intent(body.intents().get(i), "intents[" + i + "]"));
    }
    return intents;
  }

  private static Intent intent(IntentBody body, String where) {
    if (body == null) {
      throw new InvalidInputException(
          where + " is null",
          "every intent is an object with a type, e.g. {\"type\": \"put-app\"}");
    }
    String type = body.type() == null ? "" : body.type();
    return switch (type) {
      case "put-app" ->
          new Intent.PutApp(required(body.spec(), where + ".spec"), envs(body.envs(), where));
      case "remove-app" ->
          new Intent.RemoveApp(
              required(body.team(), where + ".team"),
              required(body.app(), where + ".app"),
              required(body.env(), where + ".env"),
              Boolean.TRUE.equals(body.delete()));
      case "put-platform-file" ->
          new Intent.PutPlatformFile(
              required(body.path(), where + ".path"), required(body.text(), where + ".text"));
      case "remove-platform-file" ->
          new Intent.RemovePlatformFile(required(body.path(), where + ".path"));
      default ->
          throw new InvalidInputException(
              where + ".type is \"" + type + "\"",
              "use put-app, remove-app, put-platform-file or remove-platform-file");
    };
  }

  private static List<String> envs(List<String> envs, String where) {
    if (envs == null
        || envs.isEmpty()
        || envs.stream()
            .anyMatch(e -> e == null || !e.matches("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?"))) {
      throw new InvalidInputException(
          where + ".envs must name one or more environments (lower-case DNS labels)",
          "for example [\"dev\"]");
    }
    return envs;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field + " is missing", "every intent of this type needs it");
    }
    return value;
  }

  private static String title(NewChange body, List<Intent> intents) {
    if (body.title() != null && !body.title().isBlank()) {
      if (body.title().length() > 200) {
        throw new InvalidInputException("the title is longer than 200 characters", "shorten it");
      }
      return body.title().strip();
    }
    return switch (intents.getFirst()) {
      case Intent.PutApp put -> "Deploy " + put.envs();
      case Intent.RemoveApp remove ->
          (remove.delete() ? "Delete " : "Remove ")
              + remove.team()
              + "/"
              + remove.app()
              + " from "
              + remove.env();
      case Intent.PutPlatformFile file -> "Change " + file.path();
      case Intent.RemovePlatformFile file -> "Remove " + file.path();
    };
  }
}
