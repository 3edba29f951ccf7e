/**
 * Provenance: for every leaf field of every rendered object, the template node that produced it,
 * and the spec values, parameter defaults, target settings and renderer rules it read. Backs {@code
 * paved explain} and the server's field explanations.
 */
package dev.paved.core.explain;
