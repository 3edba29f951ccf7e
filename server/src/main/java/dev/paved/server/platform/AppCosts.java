package dev.paved.server.platform;

import dev.paved.core.cost.CostEstimator;
import dev.paved.core.cost.Range;
import dev.paved.core.error.PavedException;
import dev.paved.core.platform.Platform;
import dev.paved.core.render.Renderer;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The estimated monthly cost of each deployment on main, as {@code paved cost} computes it, kept
 * until its spec or the platform changes: a catalog of a thousand apps must not render a thousand
 * apps per page view. Thread-safe.
 */
public final class AppCosts {

  private static final int MAX_ENTRIES = 50_000;

  private record Entry(String spec, Optional<Range> monthly) {}

  private final Map<Deployment, Entry> entries = new ConcurrentHashMap<>();
  private volatile Platform platform;

  /** The deployment's monthly cost; empty when a price is unknown or the spec does not render. */
  public Optional<Range> monthly(Platform current, RepoFiles main, Deployment deployment) {
    if (current != platform) {
      // a new platform (prices, targets, paths) can change every estimate
      entries.clear();
      platform = current;
    }
    String spec =
        main.find(RepoLayout.spec(deployment.app().team(), deployment.app().app())).orElse("");
    Entry entry = entries.get(deployment);
    if (entry == null || !entry.spec().equals(spec)) {
      if (entries.size() > MAX_ENTRIES) {
        entries.clear();
      }
      entry = new Entry(spec, estimate(current, spec, deployment));
      entries.put(deployment, entry);
    }
    return entry.monthly();
  }

  private static Optional<Range> estimate(Platform platform, String specText, Deployment d) {
    try {
      AppSpec spec = new AppSpecParser().parse("paved.yaml", specText);
      var target = platform.targetFor(d.env());
      return new CostEstimator(target)
          .estimate(new Renderer(platform).render(spec, d.env(), target))
          .total();
    } catch (PavedException e) {
      return Optional.empty();
    }
  }
}
