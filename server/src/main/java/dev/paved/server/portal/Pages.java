package dev.paved.server.portal;

import dev.paved.server.auth.Principal;
import dev.paved.server.auth.Sessions;
import dev.paved.server.http.Authentication;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/** Renders the portal's templates, compiled into the jar at build time. */
public final class Pages {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code template} (e.g. {@code "catalog.jte"}) with its one parameter. */
  public void render(Context ctx, String template, Object model) {
    ctx.html(html(template, model));
  }

  /** Renders a template of several parameters. */
  public void render(Context ctx, String template, java.util.Map<String, Object> params) {
    StringOutput out = new StringOutput();
    engine.render(template, params, out);
    ctx.html(out.toString());
  }

  /** The HTML of a template, for fragments and tests. */
  public String html(String template, Object model) {
    StringOutput out = new StringOutput();
    engine.render(template, model, out);
    return out.toString();
  }

  /** The frame of a page for the signed-in user of this request. */
  static Chrome chrome(Context ctx, String section, String title) {
    Principal principal = Authentication.principal(ctx);
    String csrf = Authentication.session(ctx).map(Sessions::csrf).orElse("");
    return Chrome.of(principal, csrf, section, title);
  }
}
