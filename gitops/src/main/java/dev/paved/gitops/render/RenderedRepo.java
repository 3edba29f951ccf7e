package dev.paved.gitops.render;

import dev.paved.core.rendered.RenderedApp;
import dev.paved.gitops.repo.RepoFiles;
import dev.paved.gitops.repo.RepoLayout;
import java.util.List;
import java.util.Map;

/**
 * The generated side of a revision.
 *
 * @param files every generated file (under {@code deploy/}, and each app's catalog-info.yaml)
 * @param apps each deployment's render, for checks and cost
 * @param problems deployments that failed to render (their files are absent from {@code files})
 */
public record RenderedRepo(
    RepoFiles files, Map<RepoLayout.Deployment, RenderedApp> apps, List<RenderProblem> problems) {

  public RenderedRepo {
    apps = Map.copyOf(apps);
    problems = List.copyOf(problems);
  }
}
