package dev.paved.testing.faults;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every request a client sends as {@code METHOD path?query}, watches excepted (they are
 * long-lived streams, not reads or writes).
 */
public final class RequestLog implements Interceptor {

  private final List<String> requests = new CopyOnWriteArrayList<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String query = request.uri().getRawQuery();
    if (query != null && query.contains("watch=true")) {
      return;
    }
    requests.add(
        request.method() + " " + request.uri().getRawPath() + (query == null ? "" : "?" + query));
  }

  public List<String> requests() {
    return List.copyOf(requests);
  }

  public void clear() {
    requests.clear();
  }
}
