/**
 * Diff and drift: the fields Paved set, compared with the live objects after normalisation
 * (quantities by value, numbers and strings by meaning, lists of named items by name), so a freshly
 * applied app shows no drift and a field someone changed shows up by path.
 */
package dev.paved.cluster.diff;
