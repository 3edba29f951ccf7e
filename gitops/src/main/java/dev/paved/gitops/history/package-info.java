/**
 * An app's own history in one environment: the main commits that changed what is deployed for it
 * (its rendered folder), newest first, each with the change that made it and what it changed in the
 * spec; the revision to roll back to is picked from here.
 */
package dev.paved.gitops.history;
