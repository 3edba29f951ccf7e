/**
 * Faults and probes on the wire between a fabric8 client and a real API server: a request log, and
 * a list broken part-way through.
 */
package dev.paved.testing.faults;
