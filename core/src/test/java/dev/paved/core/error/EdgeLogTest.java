package dev.paved.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A background edge logs a failure once, not every retry, and its recovery once. */
class EdgeLogTest {

  @Test
  void aRepeatedFailureIsLoggedOnceAndTheRecoveryOnce() {
    List<String> lines = new ArrayList<>();
    Logger logger = Logger.getLogger(EdgeLogTest.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getLevel() + " " + record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      EdgeLog edge = new EdgeLog(EdgeLogTest.class, "syncing dev");
      edge.succeeded();
      edge.failed(new IllegalStateException("connection refused"));
      edge.failed(new IllegalStateException("connection refused"));
      edge.failed("the cluster is unreachable");
      edge.succeeded();
      edge.succeeded();
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(lines)
        .containsExactly(
            "WARNING syncing dev failed: IllegalStateException: connection refused (retrying)",
            "WARNING syncing dev failed: the cluster is unreachable (retrying)",
            "INFO syncing dev works again");
  }
}
