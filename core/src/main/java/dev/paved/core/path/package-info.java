/**
 * Golden paths: the platform-owned templates an app spec names. A path is read, its parameter
 * schema parsed and every {@code ${...}} expression type-checked when it is loaded, so a broken
 * path fails at load with its file and line.
 */
package dev.paved.core.path;
