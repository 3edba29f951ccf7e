/**
 * Cost: the monthly estimate of a rendered app from its target's list prices (GPU-hours per class,
 * vCPU-hours, GiB-hours, GiB-months), per object and in total, at min and max replicas, and the
 * delta between two renders. A missing price makes the cost unknown with its reason, never zero.
 */
package dev.paved.core.cost;
