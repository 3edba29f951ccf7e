package dev.paved.server.http;

/** The page at {@code /}: where the API is; the portal replaces it. */
public final class HomeRoutes {

  private HomeRoutes() {}

  public static void register(Routes routes) {
    routes.get(
        "/",
        ctx ->
            ctx.contentType("text/html; charset=utf-8")
                .result(
                    """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>Paved</title></head>
                    <body>
                    <h1>Paved is running</h1>
                    <p>The API is at <a href="/api/v1/paths">/api/v1</a>, described in
                    <a href="/api/openapi.json">/api/openapi.json</a>. Health: <a href="/healthz">/healthz</a>,
                    readiness: <a href="/readyz">/readyz</a>, metrics: <a href="/metrics">/metrics</a>.</p>
                    <p>Use the <code>paved</code> command: <code>paved apps</code>, <code>paved deploy -f paved.yaml --env dev --wait</code>.</p>
                    </body></html>
                    """));
  }
}
