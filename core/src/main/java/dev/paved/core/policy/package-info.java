/**
 * Policy checks over rendered objects: the built-in rules of the manifest checklist (security,
 * resources, probes, availability, network, RBAC, labels, API hygiene and the AI rules), platform
 * rules written in CEL, waivers, and the budget and capacity checks. The "check" step of the deploy
 * path, after {@code render}.
 */
package dev.paved.core.policy;
