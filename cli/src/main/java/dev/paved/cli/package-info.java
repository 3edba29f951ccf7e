/**
 * The {@code paved} command line: picocli commands, one per verb. Offline commands call core
 * directly; errors are printed once here, as one line with position and hint, never a stack trace.
 */
package dev.paved.cli;
