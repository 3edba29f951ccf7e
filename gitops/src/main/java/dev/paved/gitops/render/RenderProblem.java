package dev.paved.gitops.render;

import dev.paved.core.error.PavedException;
import dev.paved.gitops.repo.RepoLayout;
import java.util.Optional;

/**
 * An app that could not be rendered for an environment, and the error, as the user sees it.
 *
 * @param deployment the deployment that does not render
 * @param message the error in one line ({@code file:line:col: what (hint)})
 * @param error the error itself, with its position and hint, when one was thrown
 */
public record RenderProblem(
    RepoLayout.Deployment deployment, String message, Optional<PavedException> error) {

  public RenderProblem(RepoLayout.Deployment deployment, PavedException error) {
    this(deployment, error.oneLine(), Optional.of(error));
  }

  public RenderProblem(RepoLayout.Deployment deployment, String message) {
    this(deployment, message, Optional.empty());
  }
}
