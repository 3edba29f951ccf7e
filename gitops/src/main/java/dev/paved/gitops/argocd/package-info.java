/**
 * Argo CD hand-off: for targets whose {@code sync} is {@code argocd}, an Argo CD {@code
 * Application} per app and environment, pointing at its rendered folder, with the environment's
 * sync policy; Paved then does not apply that environment itself.
 */
package dev.paved.gitops.argocd;
