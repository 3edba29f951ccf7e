package dev.paved.server.http;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.NotFoundException;
import dev.paved.server.Services;
import dev.paved.server.auth.Principal;
import dev.paved.server.auth.TokenStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** The caller's identity and personal API tokens. */
public final class TokenRoutes {

  /** {@code POST /api/v1/tokens} body. */
  public record NewToken(String name) {}

  private TokenRoutes() {}

  public static void register(Routes routes, Services services) {
    routes
        .get("/api/v1/me", ctx -> ctx.json(me(Authentication.principal(ctx))))
        .get(
            "/api/v1/tokens",
            ctx ->
                ctx.json(
                    Map.of("tokens", services.tokens().list(Authentication.principal(ctx).user()))))
        .post(
            "/api/v1/tokens",
            ctx -> {
              Principal principal = Authentication.principal(ctx);
              String name = name(Bodies.read(ctx, NewToken.class));
              TokenStore.Issued issued = services.tokens().issue(principal.user(), name);
              services
                  .audit()
                  .record(
                      principal.user(),
                      "token.create",
                      "token/" + issued.id(),
                      "ok",
                      ctx.ip(),
                      name);
              ctx.status(201).json(issued);
            })
        .delete(
            "/api/v1/tokens/{id}",
            ctx -> {
              Principal principal = Authentication.principal(ctx);
              String id = ctx.pathParam("id");
              if (!services.tokens().revoke(principal.user(), id)) {
                throw new NotFoundException(
                    "you have no active token " + id, "list yours with GET /api/v1/tokens");
              }
              services
                  .audit()
                  .record(principal.user(), "token.revoke", "token/" + id, "ok", ctx.ip(), "");
              ctx.status(204);
            });
  }

  private static String name(NewToken body) {
    String name = body.name() == null ? "" : body.name().strip();
    if (name.isEmpty()
        || name.length() > 100
        || !name.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
      throw new InvalidInputException(
          "a token needs a name of 1 to 100 printable characters",
          "name it after where it is used, e.g. \"laptop\" or \"ci\"");
    }
    return name;
  }

  static Map<String, Object> me(Principal principal) {
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("user", principal.user());
    me.put("displayName", principal.displayName());
    me.put("platformRole", principal.platformRole().id());
    Map<String, String> teams = new LinkedHashMap<>();
    principal.teams().forEach((team, role) -> teams.put(team, role.id()));
    me.put("teams", teams);
    return me;
  }
}
