package dev.paved.cli;

/** The {@code -o} formats of commands that print objects. */
enum OutputFormat {
  yaml,
  json,
  text
}
