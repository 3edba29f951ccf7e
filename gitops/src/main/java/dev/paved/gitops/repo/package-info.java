/**
 * Repo: the platform repository through JGit — files at a revision as values ({@link
 * dev.paved.gitops.repo.RepoFiles}), commits written whole, and branches moved only by
 * compare-and-swap, so a crash or a concurrent writer never leaves a half-written main.
 */
package dev.paved.gitops.repo;
