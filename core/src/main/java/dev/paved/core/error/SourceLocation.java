package dev.paved.core.error;

/**
 * A place in a source file, 1-based, as editors and compilers print it.
 *
 * @param file the file name as the user gave it (or a built-in resource name)
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record SourceLocation(String file, int line, int column) {

  public SourceLocation {
    if (file == null || file.isBlank()) {
      throw new IllegalArgumentException("file must not be blank");
    }
  }

  /** A location that names only the file. */
  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  /** The same file, at a position shifted inside this location's line (for text inside a value). */
  public SourceLocation shiftColumns(int columns) {
    return new SourceLocation(file, line, column == 0 ? 0 : column + columns);
  }

  @Override
  public String toString() {
    if (line == 0) {
      return file;
    }
    return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
