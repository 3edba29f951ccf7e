package dev.paved.gitops.render;

import dev.paved.core.error.PavedException;
import dev.paved.core.platform.Platform;
import dev.paved.core.render.Renderer;
import dev.paved.core.rendered.RenderedApp;
import dev.paved.core.rendered.RenderedObject;
import dev.paved.core.spec.AppSpec;
import dev.paved.core.spec.AppSpecParser;
import dev.paved.gitops.argocd.ArgoApplications;
import dev.paved.gitops.catalog.CatalogInfo;
import dev.paved.gitops.env.Environments;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders a revision's intent (platform files and app specs) for the given deployments into the
 * files main must hold. A broken platform file fails the whole render (it throws); a broken app
 * fails only its own deployments, reported as {@link RenderProblem}s. Stateless and thread-safe.
 */
public final class RepoRenderer {

  private final String repoUrl;
  private final PlatformCache platforms = new PlatformCache();

  /**
   * @param repoUrl the repository's URL as Argo CD should fetch it
   */
  public RepoRenderer(String repoUrl) {
    this.repoUrl = repoUrl;
  }

  /** The platforms this renderer loaded, to share with code that needs a revision's platform. */
  public PlatformCache platforms() {
    return platforms;
  }

  /** The deployments a revision holds: one per {@code deploy/<env>/<team>/<app>/} folder. */
  public static Set<Deployment> deploymentsIn(RepoFiles files) {
    Set<Deployment> found = new TreeSet<>(java.util.Comparator.comparing(Deployment::toString));
    for (String path : files.files().keySet()) {
      RepoLayout.deploymentOf(path).ifPresent(found::add);
    }
    return found;
  }

  public static Environments environmentsOf(RepoFiles files) {
    return files
        .find(RepoLayout.ENVIRONMENTS)
        .map(text -> Environments.parse(RepoLayout.ENVIRONMENTS, text))
        .orElse(Environments.none());
  }

  /**
   * @throws PavedException when a platform file or environments.yaml is invalid
   */
  public RenderedRepo render(RepoFiles intent, Set<Deployment> deployments) {
    Platform platform = platforms.of(intent);
    Environments environments = environmentsOf(intent);
    Renderer renderer = new Renderer(platform);
    TreeMap<String, String> out = new TreeMap<>();
    Map<Deployment, RenderedApp> apps = new LinkedHashMap<>();
    List<RenderProblem> problems = new ArrayList<>();
    Map<AppKey, AppSpec> specs = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : intent.files().entrySet()) {
      Optional<AppKey> key = RepoLayout.appOfSpec(file.getKey());
      if (key.isEmpty()) {
        continue;
      }
      try {
        AppSpec spec = new AppSpecParser().parse(file.getKey(), file.getValue());
        specs.put(key.get(), spec);
        out.put(
            RepoLayout.catalogInfo(key.get().team(), key.get().app()),
            CatalogInfo.of(spec, platform));
      } catch (PavedException e) {
        deployments.stream()
            .filter(d -> d.app().equals(key.get()))
            .forEach(d -> problems.add(new RenderProblem(d, e)));
      }
    }
    for (Deployment deployment : deployments) {
      AppSpec spec = specs.get(deployment.app());
      if (spec == null) {
        if (problems.stream().noneMatch(p -> p.deployment().equals(deployment))) {
          problems.add(
              new RenderProblem(
                  deployment,
                  "no "
                      + RepoLayout.spec(deployment.app().team(), deployment.app().app())
                      + " for this deployment"));
        }
        continue;
      }
      try {
        RenderedApp app = renderer.render(spec, deployment.env());
        apps.put(deployment, app);
        writeObjects(out, deployment, app);
        dev.paved.core.target.Target target = platform.targetFor(deployment.env());
        if (target.syncMode() == dev.paved.core.target.SyncMode.ARGOCD) {
          String folder = RepoLayout.argocdFolder(deployment.env());
          String team = deployment.app().team();
          out.put(
              folder + team + "-" + deployment.app().app() + ".yaml",
              ArgoApplications.of(
                  deployment, app, environments.of(deployment.env()), repoUrl, target));
          out.putIfAbsent(
              folder + team + ".appproject.yaml", // app files are TEAM-APP.yaml: no dot
              ArgoApplications.project(
                  team, deployment.env(), ArgoApplications.namespaceOf(app), repoUrl, target));
        }
      } catch (PavedException e) {
        problems.add(new RenderProblem(deployment, e));
      }
    }
    return new RenderedRepo(new RepoFiles(out), apps, problems);
  }

  private static void writeObjects(
      Map<String, String> out, Deployment deployment, RenderedApp app) {
    String folder =
        RepoLayout.deployFolder(deployment.env(), deployment.app().team(), deployment.app().app());
    String spec = RepoLayout.spec(deployment.app().team(), deployment.app().app());
    List<RenderedObject> objects = app.objects();
    for (int i = 0; i < objects.size(); i++) {
      out.put(
          folder + ObjectFiles.name(i, objects.get(i)),
          ObjectFiles.content(spec, app.path(), objects.get(i)));
    }
  }

  /** The generated part of a revision's files (what {@link #render} replaces). */
  public static RepoFiles generatedPart(RepoFiles files) {
    TreeMap<String, String> generated = new TreeMap<>();
    files
        .files()
        .forEach(
            (path, text) -> {
              if (path.startsWith(RepoLayout.DEPLOY)
                  || path.endsWith("/" + RepoLayout.CATALOG_FILE)) {
                generated.put(path, text);
              }
            });
    return new RepoFiles(generated);
  }

  /** The intent part: everything that is not generated. */
  public static RepoFiles intentPart(RepoFiles files) {
    TreeMap<String, String> intent = new TreeMap<>(files.files());
    intent.keySet().removeAll(generatedPart(files).files().keySet());
    return new RepoFiles(intent);
  }
}
