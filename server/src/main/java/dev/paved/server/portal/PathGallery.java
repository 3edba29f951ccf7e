package dev.paved.server.portal;

import dev.paved.core.cost.CostEstimator;
import dev.paved.core.cost.CostReport;
import dev.paved.core.error.PavedException;
import dev.paved.core.path.GoldenPath;
import dev.paved.core.path.ParamType;
import dev.paved.core.path.Parameter;
import dev.paved.core.platform.Platform;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.core.target.Target;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.server.Services;
import dev.paved.server.platform.AppViews;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The golden paths as cards: what each is for, what it creates, its typical cost, its users. */
public record PathGallery(Chrome chrome, List<Card> cards) {

  /** Values tried, in order, for a required parameter that has no default. */
  private static final List<String> SAMPLES =
      List.of(
          "hf://example/model",
          "ghcr.io/example/app:1.0.0",
          "s3://example-bucket/data",
          "python main.py",
          "example");

  public PathGallery {
    cards = List.copyOf(cards);
  }

  /** One golden path. */
  public record Card(
      String name,
      String version,
      String workload,
      String description,
      List<String> creates,
      String typicalCost,
      String costEnv,
      long apps) {}

  static PathGallery of(Context ctx, Services services) {
    Platform platform = services.backend().platform();
    RepoFiles main = services.backend().main();
    Map<String, Long> used = new LinkedHashMap<>();
    for (AppViews.AppView app : new AppViews(services.backend()).specsOnly(main)) {
      used.merge(app.path().replaceAll("@.*", ""), 1L, Long::sum);
    }
    String env =
        services.backend().environments().contains("dev")
            ? "dev"
            : services.backend().environments().stream().findFirst().orElse("dev");
    return new PathGallery(
        Pages.chrome(ctx, "paths", "Deploy"),
        platform.paths().latest().stream()
            .map(p -> card(p, platform, env, used.getOrDefault(p.name(), 0L)))
            .toList());
  }

  private static Card card(GoldenPath path, Platform platform, String env, long apps) {
    Optional<RenderedApp> sample = sample(path, platform, env);
    Target target = platform.targetFor(env);
    return new Card(
        path.name(),
        path.version().toString(),
        path.workload(),
        path.description(),
        sample
            .map(
                a ->
                    List.copyOf(
                        new TreeSet<>(a.objects().stream().map(RenderedObject::kind).toList())))
            .orElse(List.of()),
        sample
            .flatMap(a -> new CostEstimator(target).estimate(a).total())
            .map(r -> CostReport.money(r) + "/mo")
            .orElse("depends on the parameters"),
        env,
        apps);
  }

  /** The path rendered with its defaults (and sample values where it has none). */
  private static Optional<RenderedApp> sample(GoldenPath path, Platform platform, String env) {
    StringBuilder spec =
        new StringBuilder(
            "apiVersion: paved.dev/v1alpha1\nkind: App\napp: sample\nteam: sample\npath: "
                + path.name()
                + "\n");
    List<Parameter> required =
        path.parameters().values().stream()
            .filter(p -> p.required() && p.defaultValue().isEmpty())
            .toList();
    if (!required.isEmpty()) {
      spec.append("with:\n");
      for (Parameter p : required) {
        spec.append("  ").append(p.name()).append(": ").append(sample(p)).append('\n');
      }
    }
    try {
      Target target = platform.targetFor(env);
      return Optional.of(
          new Renderer(platform)
              .render(new AppSpecParser().parse("paved.yaml", spec.toString()), env, target));
    } catch (PavedException e) {
      return Optional.empty();
    }
  }

  private static String sample(Parameter p) {
    if (p.type() == ParamType.LIST) {
      return "[python, main.py]";
    }
    if (p.type() == ParamType.INTEGER || p.type() == ParamType.NUMBER) {
      return String.valueOf(p.min().map(Double::longValue).orElse(1L));
    }
    if (!p.allowed().isEmpty()) {
      return String.valueOf(p.allowed().getFirst());
    }
    return SAMPLES.stream()
        .filter(s -> p.pattern().map(r -> r.matcher(s).matches()).orElse(true))
        .findFirst()
        .map(s -> "'" + s + "'")
        .orElse("example");
  }
}
