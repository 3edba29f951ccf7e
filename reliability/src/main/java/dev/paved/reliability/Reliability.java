package dev.paved.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the reliability suite: tagged {@code reliability} (so {@code ./test --reliability}
 * selects it) and recorded as one row of the report. The test takes a {@link Tally} parameter and
 * says in it what it injected and what held; the row is written after the test, as PASSED with
 * those figures or as FAILED with the failure's first line.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Tag("reliability")
@ExtendWith(ReliabilityExtension.class)
public @interface Reliability {

  Area area();

  /** The row's first column: what is tested, in a few words. */
  String value();
}
