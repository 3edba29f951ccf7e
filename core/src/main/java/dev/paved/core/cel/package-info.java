/**
 * CEL for golden paths: the typed variable environment templates are checked against at load
 * ({@link dev.paved.core.cel.ExpressionEnvironment}) and compiled expressions evaluated at render.
 */
package dev.paved.core.cel;
