/**
 * What a render produces, as the rest of Paved reads it: an app's objects ({@link
 * dev.paved.core.rendered.RenderedApp}, {@link dev.paved.core.rendered.RenderedObject}) and the
 * helpers that read their trees. It depends on nothing else in core, so the policy checks and the
 * cost model read renders without depending on the renderer.
 */
package dev.paved.core.rendered;
