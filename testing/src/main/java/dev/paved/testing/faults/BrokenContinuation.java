package dev.paved.testing.faults;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Breaks a paged LIST after its first page: the continue token of the next page is replaced by
 * garbage, so the real API server refuses that page (400, "continue key is not valid") — what a
 * list cut short looks like to a client, as when a token expires (410) mid-way.
 */
public final class BrokenContinuation implements Interceptor {

  private final AtomicInteger broken = new AtomicInteger();
  private final AtomicInteger seen = new AtomicInteger();
  private final int page;

  /** Breaks every continued page. */
  public BrokenContinuation() {
    this(0);
  }

  /** Breaks only the {@code page}-th continued page request it sees (1: the first), or all (0). */
  public BrokenContinuation(int page) {
    this.page = page;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    URI uri = request.uri();
    String query = uri.getRawQuery();
    if (query == null || !query.contains("continue=")) {
      return;
    }
    if (page > 0 && seen.incrementAndGet() != page) {
      return;
    }
    broken.incrementAndGet();
    builder.uri(
        URI.create(uri.toString().replaceAll("continue=[^&]*", "continue=bm90LWEtdG9rZW4")));
  }

  /** How many pages were broken. */
  public int broken() {
    return broken.get();
  }
}
