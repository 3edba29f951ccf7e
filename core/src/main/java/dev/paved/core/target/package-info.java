/**
 * Targets: the clusters apps run on, with their cloud, GPU classes (node selector, tolerations,
 * resource name, shape, price), CPU/memory/storage prices, ingress and storage settings.
 */
package dev.paved.core.target;
