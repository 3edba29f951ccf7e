package dev.paved.reliability;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives a {@link Reliability} test its {@link Tally} and records its row when it ends. */
final class ReliabilityExtension implements ParameterResolver, AfterTestExecutionCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ReliabilityExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Tally.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return tally(context);
  }

  private static Tally tally(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent("tally", k -> new Tally(), Tally.class);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Reliability marked = context.getRequiredTestMethod().getAnnotation(Reliability.class);
    if (marked == null) {
      return;
    }
    Tally tally = tally(context);
    Optional<Throwable> failure = context.getExecutionException();
    String source =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName()
            + suffix(context);
    Row.Status status =
        failure
            .map(
                f ->
                    f instanceof org.opentest4j.TestAbortedException
                        ? Row.Status.SKIPPED
                        : Row.Status.FAILED)
            .orElse(Row.Status.PASSED);
    String result =
        failure
            .map(ReliabilityExtension::firstLine)
            .orElseGet(() -> String.join("; ", tally.facts()));
    new Row(
            marked.area(),
            marked.value() + suffix(context),
            source,
            tally.count(),
            tally.unit(),
            status,
            result)
        .write();
  }

  /** A parameterized test's rows differ by their invocation's name: "(PostgreSQL)". */
  private static String suffix(ExtensionContext context) {
    String name = context.getDisplayName();
    if (!name.startsWith("[")) {
      return "";
    }
    String argument = name.substring(name.indexOf(']') + 1).strip();
    argument = argument.substring(argument.indexOf('=') + 1); // "settings=H2" reads "H2"
    return argument.isEmpty() ? "" : " (" + argument + ")";
  }

  private static String firstLine(Throwable failure) {
    String message = String.valueOf(failure.getMessage()).strip();
    int end = message.indexOf('\n');
    return failure.getClass().getSimpleName()
        + " "
        + (end < 0 ? message : message.substring(0, end));
  }
}
