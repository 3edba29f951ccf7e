package dev.paved.core.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML text into {@link Node} trees with positions. Thread-safe and stateless.
 *
 * <p>Refuses, with a positioned {@link InvalidInputException}: malformed YAML, duplicate keys,
 * documents over {@link #MAX_CHARS} characters, nesting deeper than {@link #MAX_DEPTH}, aliases (so
 * no billion-laughs expansion can happen) and integers beyond 64 bits.
 */
public final class YamlReader {

  public static final int MAX_CHARS = 4 * 1024 * 1024;
  public static final int MAX_DEPTH = 64;
  public static final int MAX_ALIASES = 50;

  private final YAMLFactory factory;

  public YamlReader() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowDuplicateKeys(true); // detected here, with a better message
    this.factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build())
            .build();
  }

  /** Reads exactly one document; an empty file or several documents are errors. */
  public Node readOne(String file, String text) {
    List<Node> documents = readAll(file, text);
    if (documents.isEmpty()) {
      throw new InvalidInputException(
          "the file is empty", SourceLocation.ofFile(file), "write one YAML document");
    }
    if (documents.size() > 1) {
      throw new InvalidInputException(
          "expected one YAML document, found " + documents.size(),
          documents.get(1).location(),
          "remove the extra '---' documents or split them into files");
    }
    return documents.getFirst();
  }

  /** Reads every document of a multi-document stream, in order. */
  public List<Node> readAll(String file, String text) {
    if (text.length() > MAX_CHARS) {
      throw new InvalidInputException(
          "the file has " + text.length() + " characters, more than the limit of " + MAX_CHARS,
          SourceLocation.ofFile(file),
          "split it into smaller files");
    }
    Source source = new Source(file, text.split("\n", -1));
    try (JsonParser parser = factory.createParser(text)) {
      List<Node> documents = new ArrayList<>();
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        documents.add(readValue(source, parser, token, 1));
      }
      return documents;
    } catch (JsonProcessingException e) {
      throw positioned(file, e);
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot read YAML: " + e.getMessage(), SourceLocation.ofFile(file), "");
    } catch (RuntimeException e) {
      if (e instanceof InvalidInputException invalid) {
        throw invalid;
      }
      // SnakeYAML signals some limits with unchecked exceptions
      throw new InvalidInputException(
          "the YAML cannot be read: " + firstLine(e.getMessage()),
          Optional.of(SourceLocation.ofFile(file)),
          "check the syntax and the size of the document",
          e);
    }
  }

  private Node readValue(Source source, JsonParser parser, JsonToken token, int depth)
      throws IOException {
    SourceLocation where = location(source.file(), parser.currentTokenLocation());
    if (depth > MAX_DEPTH) {
      throw new InvalidInputException(
          "nesting is deeper than " + MAX_DEPTH + " levels", where, "flatten the document");
    }
    if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
      throw new InvalidInputException(
          "YAML aliases (*" + parser.getText() + ") are not supported in Paved files",
          where,
          "write the value out in full instead of using an &anchor and *alias");
    }
    return switch (token) {
      case START_OBJECT -> readMap(source, parser, where, depth);
      case START_ARRAY -> readList(source, parser, where, depth);
      case VALUE_STRING -> string(source, parser.getText(), where);
      case VALUE_NUMBER_INT -> integer(parser, where);
      case VALUE_NUMBER_FLOAT -> new ScalarNode(ScalarNode.Kind.FLOAT, parser.getText(), where);
      case VALUE_TRUE, VALUE_FALSE ->
          new ScalarNode(ScalarNode.Kind.BOOLEAN, String.valueOf(parser.getBooleanValue()), where);
      case VALUE_NULL -> new ScalarNode(ScalarNode.Kind.NULL, "", where);
      default ->
          throw new InvalidInputException(
              "unexpected YAML content " + token, where, "check the syntax");
    };
  }

  /** The text of a document, for what the parser does not report: quoting. */
  private record Source(String file, String[] lines) {
    char at(SourceLocation where) {
      if (where.line() < 1 || where.line() > lines.length) {
        return 0;
      }
      String line = lines[where.line() - 1];
      int index = where.column() - 1;
      return index >= 0 && index < line.length() ? line.charAt(index) : 0;
    }
  }

  /**
   * A string scalar. A quoted one is positioned at its first character, not at the quote; an empty
   * plain one ({@code key:}) is YAML's null, as in every other YAML reader.
   */
  private static ScalarNode string(Source source, String text, SourceLocation where) {
    char first = source.at(where);
    boolean quoted = first == '"' || first == '\'';
    if (text.isEmpty() && !quoted) {
      return new ScalarNode(ScalarNode.Kind.NULL, "", where);
    }
    return new ScalarNode(ScalarNode.Kind.STRING, text, quoted ? where.shiftColumns(1) : where);
  }

  private static ScalarNode integer(JsonParser parser, SourceLocation where) throws IOException {
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw new InvalidInputException(
          "the number " + parser.getText() + " is too large", where, "use a smaller number");
    }
    return new ScalarNode(ScalarNode.Kind.INTEGER, String.valueOf(parser.getLongValue()), where);
  }

  private MapNode readMap(Source source, JsonParser parser, SourceLocation where, int depth)
      throws IOException {
    List<MapNode.Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      SourceLocation keyWhere = location(source.file(), parser.currentTokenLocation());
      if (!seen.add(key)) {
        throw new InvalidInputException(
            "duplicate key '" + key + "'", keyWhere, "each key may appear once in a map");
      }
      Node value = readValue(source, parser, parser.nextToken(), depth + 1);
      entries.add(new MapNode.Entry(key, keyWhere, value));
    }
    if (token != JsonToken.END_OBJECT) {
      throw new InvalidInputException("malformed map", where, "check the indentation");
    }
    return new MapNode(entries, where);
  }

  private ListNode readList(Source source, JsonParser parser, SourceLocation where, int depth)
      throws IOException {
    List<Node> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new InvalidInputException("unterminated list", where, "close the list");
      }
      items.add(readValue(source, parser, token, depth + 1));
    }
    return new ListNode(items, where);
  }

  private static SourceLocation location(String file, JsonLocation at) {
    return new SourceLocation(file, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
  }

  private static InvalidInputException positioned(String file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    SourceLocation where = at == null ? SourceLocation.ofFile(file) : location(file, at);
    return new InvalidInputException(
        "malformed YAML: " + firstLine(e.getOriginalMessage()),
        Optional.of(where),
        "check the indentation, colons and quotes near this place",
        e);
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unreadable input";
    }
    String line = message.strip().lines().findFirst().orElse(message);
    return line.length() > 160 ? line.substring(0, 160) + "…" : line;
  }
}
