/**
 * Catalog: a Backstage {@code catalog-info.yaml} per app (a Component owned by the team), so teams
 * with Backstage see Paved apps and their Kubernetes objects.
 */
package dev.paved.gitops.catalog;
