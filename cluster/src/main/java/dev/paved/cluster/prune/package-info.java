/**
 * Inventory and prune: which objects Paved applied for an app (an inventory ConfigMap), and the
 * deletion of those that left a complete, successful desired set — failing closed on any doubt.
 */
package dev.paved.cluster.prune;
