/** The one exception family of Paved and the source locations its messages point at. */
package dev.paved.core.error;
