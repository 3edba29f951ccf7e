/**
 * Sync: each environment's desired state is its rendered folder on main. A sync applies it through
 * the cluster layer, one app at a time (never two syncs of one app at once), records a run per app,
 * removes apps deleted from main when prune is on, and follows the newest revision.
 */
package dev.paved.gitops.sync;
