package dev.paved.core.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationExceptionBuilder;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.SourceLocation;
import dev.paved.core.text.Quantities;
import dev.paved.core.text.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed variables that expressions may read, and the compiler that checks expressions against
 * them. Variables use dotted names ({@code with.replicas.min}), so an unknown field is an
 * "undeclared reference" at load time, not a surprise at deploy time.
 *
 * <p>Immutable: {@link #with(String, CelType)} returns a new environment.
 */
public final class ExpressionEnvironment {

  private static final CelOptions OPTIONS =
      CelOptions.current().comprehensionMaxIterations(EvaluationBudget.MAX_ITERATIONS).build();

  /** {@code gib("48Gi")}: a Kubernetes quantity in GiB, for sizes computed from parameters. */
  private static final CelFunctionDecl GIB =
      CelFunctionDecl.newFunctionDeclaration(
          "gib",
          CelOverloadDecl.newGlobalOverload("gib_string", SimpleType.DOUBLE, SimpleType.STRING));

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS))
          .addFunctionBindings(
              CelFunctionBinding.from("gib_string", String.class, ExpressionEnvironment::gib))
          .build();

  private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'");

  private final Map<String, CelType> variables;
  private final CelCompiler compiler;

  private ExpressionEnvironment(Map<String, CelType> variables) {
    this.variables = Map.copyOf(variables);
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addFunctionDeclarations(GIB)
            .addLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS));
    variables.forEach(builder::addVar);
    this.compiler = builder.build();
  }

  public static ExpressionEnvironment of(Map<String, CelType> variables) {
    return new ExpressionEnvironment(variables);
  }

  private static Object gib(String quantity) throws CelEvaluationException {
    return Quantities.gib(quantity)
        .orElseThrow(
            () ->
                CelEvaluationExceptionBuilder.newBuilder("'%s' is not a quantity", quantity)
                    .build());
  }

  /** A new environment with one more variable. */
  public ExpressionEnvironment with(String name, CelType type) {
    Map<String, CelType> more = new LinkedHashMap<>(variables);
    more.put(name, type);
    return new ExpressionEnvironment(more);
  }

  public Map<String, CelType> variables() {
    return variables;
  }

  /**
   * Parses and type-checks {@code text}. Fails with the position of the problem inside the
   * expression, mapped onto the source file.
   */
  public CompiledExpression compile(String text, SourceLocation location) {
    CelValidationResult result = compiler.compile(text);
    if (result.hasError()) {
      CelIssue issue = result.getErrors().getFirst();
      throw new InvalidInputException(
          "invalid expression '" + shorten(text) + "': " + trimCandidates(issue.getMessage()),
          Optional.of(at(location, issue)),
          hintFor(text, issue.getMessage()),
          null);
    }
    try {
      var ast = result.getAst();
      java.util.SortedSet<String> references = new java.util.TreeSet<>();
      ast.getReferenceMap().values().stream()
          .filter(r -> r.overloadIds().isEmpty() && variables.containsKey(r.name()))
          .forEach(r -> references.add(r.name()));
      return new CompiledExpression(
          text,
          location,
          ast.getResultType(),
          RUNTIME.createProgram(ast),
          references,
          EvaluationBudget.Guards.of(ast));
    } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
      throw new InvalidInputException(
          "invalid expression '" + shorten(text) + "': " + e.getMessage(),
          Optional.of(location),
          "",
          e);
    }
  }

  private String suggest(String name) {
    return Suggestions.closest(name, variables.keySet())
        .map(c -> "did you mean '" + c + "'?")
        .orElse("variables start with: " + String.join(", ", roots()));
  }

  private static String trimCandidates(String message) {
    int candidates = message.indexOf(" (candidates:");
    return candidates < 0 ? message : message.substring(0, candidates);
  }

  /** The expression on one line, shortened, for messages. */
  static String shorten(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }

  private static Optional<String> unknownReference(String text, String message) {
    Matcher undeclared = UNDECLARED.matcher(message);
    if (!undeclared.find()) {
      return Optional.empty();
    }
    String root = Pattern.quote(undeclared.group(1));
    Matcher chain = Pattern.compile("(?<![\\w.])" + root + "(\\.[A-Za-z_]\\w*)*").matcher(text);
    return Optional.of(chain.find() ? chain.group() : undeclared.group(1));
  }

  private List<String> roots() {
    return variables.keySet().stream().map(v -> v.split("\\.")[0]).distinct().sorted().toList();
  }

  private static SourceLocation at(SourceLocation location, CelIssue issue) {
    var where = issue.getSourceLocation();
    if (where.getLine() <= 1 && location.line() > 0) {
      return location.shiftColumns(Math.max(where.getColumn(), 0));
    }
    return location;
  }

  private String hintFor(String text, String message) {
    if (message.contains("undeclared reference")) {
      return unknownReference(text, message)
          .map(name -> "'" + name + "' is not a variable; " + suggest(name))
          .orElse("variables start with: " + String.join(", ", roots()));
    }
    if (message.contains("no matching overload")) {
      return "the operand types do not fit; convert with string(), int() or double()";
    }
    return "check the CEL syntax";
  }
}
