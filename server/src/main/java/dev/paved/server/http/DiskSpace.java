package dev.paved.server.http;

import dev.paved.core.error.EnvironmentException;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Refuses writes while the disk under the repository is nearly full, as Elasticsearch's flood stage
 * does: below {@link #MIN_FREE_BYTES} a request that could write (any method but GET, HEAD and
 * OPTIONS) is a 503 that says so, before Git or the database start anything they could leave
 * half-written. Reads go on; writes work again as soon as space is freed (DiskFullIT).
 */
public final class DiskSpace {

  /** The space a merge and its database rows need with room to spare. */
  public static final long MIN_FREE_BYTES = 32L << 20;

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final Path dir;

  public DiskSpace(Path dir) {
    this.dir = dir;
  }

  public void check(Context ctx) {
    if (READS.contains(ctx.method().name())) {
      return;
    }
    long free;
    try {
      free = Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      return; // cannot tell: the write itself will say what is wrong
    }
    if (free < MIN_FREE_BYTES) {
      throw new EnvironmentException(
          "the disk under "
              + dir
              + " has only "
              + (free >> 20)
              + " MiB of space left; Paved refuses writes below "
              + (MIN_FREE_BYTES >> 20)
              + " MiB so that nothing is half-written",
          "free space on that disk (or give the data directory a larger one); writes work again"
              + " at once",
          true,
          new IOException("usable space " + free + " bytes"));
    }
  }
}
