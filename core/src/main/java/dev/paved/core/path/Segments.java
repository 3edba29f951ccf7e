package dev.paved.core.path;

import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template string into literal text and {@code ${...}} expressions. Braces and quotes
 * inside an expression are balanced, so CEL map literals work: {@code ${ {"a": 1} }}.
 */
final class Segments {

  private Segments() {}

  static List<TemplateCompiler.Segment> split(String text, SourceLocation location) {
    List<TemplateCompiler.Segment> segments = new ArrayList<>();
    int i = 0;
    StringBuilder literal = new StringBuilder();
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        literal.append(text, i, text.length());
        break;
      }
      literal.append(text, i, start);
      int end = closingBrace(text, start + 2, location);
      if (!literal.isEmpty()) {
        segments.add(new TemplateCompiler.Segment(literal.toString(), false, location));
        literal.setLength(0);
      }
      String inside = text.substring(start + 2, end).strip();
      if (inside.isEmpty()) {
        throw new InvalidInputException(
            "empty expression ${}",
            location.shiftColumns(start),
            "write an expression inside ${...}");
      }
      segments.add(new TemplateCompiler.Segment(inside, true, location.shiftColumns(start + 2)));
      i = end + 1;
    }
    if (!literal.isEmpty()) {
      segments.add(new TemplateCompiler.Segment(literal.toString(), false, location));
    }
    return segments;
  }

  private static int closingBrace(String text, int from, SourceLocation location) {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    throw new InvalidInputException(
        "unterminated expression: '${' without a matching '}'",
        location.shiftColumns(from - 2),
        "close the expression with '}'");
  }
}
