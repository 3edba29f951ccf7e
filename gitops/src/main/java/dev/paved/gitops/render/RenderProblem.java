package dev.paved.gitops.render;

import dev.paved.gitops.repo.RepoLayout;

/** An app that could not be rendered for an environment, and the error, as the user sees it. */
public record RenderProblem(RepoLayout.Deployment deployment, String message) {}
