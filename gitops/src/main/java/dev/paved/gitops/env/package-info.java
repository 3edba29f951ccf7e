/**
 * Env: the rules of each environment, from {@code platform/environments.yaml} — who may merge, how
 * many approvals, and the sync switches (auto-sync, self-heal, prune).
 */
package dev.paved.gitops.env;
