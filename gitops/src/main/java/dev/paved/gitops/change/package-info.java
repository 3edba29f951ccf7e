/**
 * Change: change requests — a branch plus a record. Opening one applies its intents to main,
 * re-renders every deployment and computes the checks (rendered diff, policy findings, cost delta);
 * merging re-checks against the newest main and writes one commit holding intent and rendered
 * output, or refuses and names the conflicting files.
 */
package dev.paved.gitops.change;
