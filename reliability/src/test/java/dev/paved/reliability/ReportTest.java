package dev.paved.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir Path dir;

  @Test
  void rowsWrittenByTheSuiteComeBackInAreaOrderAsTableLines() throws Exception {
    Path rows = dir.resolve("rows");
    new Row(Area.LOAD, "wrk | api", "LoadRow", 3, "runs", Row.Status.PASSED, "0 errors")
        .writeTo(rows);
    new Row(Area.FAULTS, "kill -9", "KillIT.kills", 20, "kills", Row.Status.FAILED, "1 orphan")
        .writeTo(rows);
    List<Row> read = Report.rows(rows);
    assertThat(read).extracting(Row::area).containsExactly(Area.FAULTS, Area.LOAD);
    String md = Report.markdown(read, "./test --reliability");
    assertThat(md)
        .contains("1 of 2 rows passed")
        .contains("| kill -9 | 20 kills | 1 orphan | FAILED | `KillIT.kills` |")
        .contains("| wrk \\| api | 3 runs | 0 errors | PASSED |")
        .containsSubsequence("## Faults injected", "## Load");
  }

  @Test
  void aMissingRowsDirectoryIsNoRows() throws Exception {
    assertThat(Report.rows(dir.resolve("nothing"))).isEmpty();
  }
}
