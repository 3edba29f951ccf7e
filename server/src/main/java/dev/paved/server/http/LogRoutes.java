package dev.paved.server.http;

import dev.paved.core.error.EnvironmentException;
import dev.paved.core.render.Labels;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.server.Services;
import dev.paved.server.platform.Backend;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/apps/{team}/{app}/logs}: the log tails of the app's pods in one environment
 * (text, each line prefixed with pod and container), or with {@code follow=true} the stream of its
 * first running pod, as {@code kubectl logs deployment/APP -f} does.
 */
public final class LogRoutes {

  private static final int MAX_TAIL = 5000;

  private LogRoutes() {}

  public static void register(Routes routes, Services services) {
    routes.get("/api/v1/apps/{team}/{app}/logs", ctx -> logs(ctx, services));
  }

  private static void logs(Context ctx, Services services) {
    AppKey key = AppRoutes.key(ctx, services);
    String env =
        AppRoutes.name(Optional.ofNullable(ctx.queryParam("env")).orElse("dev"), "environment");
    int tail = tail(ctx.queryParam("tail"));
    if (!"true".equals(ctx.queryParam("follow"))) {
      ctx.contentType("text/plain; charset=utf-8").result(recent(services, key, env, tail));
      return;
    }
    Backend.Placement placement = placement(services, key, env);
    List<Pod> pods = pods(placement, key, env);
    ctx.contentType("text/plain; charset=utf-8");
    Pod pod =
        pods.stream()
            .filter(p -> "Running".equals(p.getStatus().getPhase()))
            .findFirst()
            .orElse(pods.getFirst());
    Container container = pod.getSpec().getContainers().getFirst();
    try {
      ctx.result(
          placement
              .client()
              .pods()
              .inNamespace(placement.namespace())
              .withName(pod.getMetadata().getName())
              .inContainer(container.getName())
              .tailingLines(tail)
              .watchLog()
              .getOutput());
    } catch (KubernetesClientException e) {
      ctx.result(
          "# logs of "
              + pod.getMetadata().getName()
              + "/"
              + container.getName()
              + " unavailable: "
              + e.getMessage()
              + "\n");
    }
  }

  private static Backend.Placement placement(Services services, AppKey key, String env) {
    return services
        .backend()
        .placement(new Deployment(env, key))
        .orElseThrow(
            () ->
                new EnvironmentException(
                    "the server has no cluster, so there are no logs",
                    "start it with a cluster",
                    false,
                    null));
  }

  private static List<Pod> pods(Backend.Placement placement, AppKey key, String env) {
    List<Pod> pods;
    try {
      pods =
          placement
              .client()
              .pods()
              .inNamespace(placement.namespace())
              .withLabel(Labels.APP, key.app())
              .list()
              .getItems();
    } catch (KubernetesClientException e) {
      throw new EnvironmentException(
          "cannot list the pods of " + key + ": " + e.getMessage(),
          "check the cluster (paved status)",
          true,
          e);
    }
    if (pods.isEmpty()) {
      throw new dev.paved.core.error.NotFoundException(
          "no pods of " + key + " in " + env, "paved status " + key.app() + " shows why");
    }
    return pods;
  }

  /**
   * The last {@code tail} lines of every container of the app's pods, each line prefixed with its
   * pod and container; a container whose logs cannot be read gets a {@code #} line saying why.
   */
  public static String recent(Services services, AppKey key, String env, int tail) {
    Backend.Placement placement = placement(services, key, env);
    List<Pod> pods = pods(placement, key, env);
    StringBuilder text = new StringBuilder();
    for (Pod pod : pods) {
      for (Container container : pod.getSpec().getContainers()) {
        String prefix = pod.getMetadata().getName() + "/" + container.getName() + ": ";
        try {
          String log =
              placement
                  .client()
                  .pods()
                  .inNamespace(placement.namespace())
                  .withName(pod.getMetadata().getName())
                  .inContainer(container.getName())
                  .tailingLines(tail)
                  .getLog();
          Optional.ofNullable(log)
              .orElse("")
              .lines()
              .forEach(line -> text.append(prefix).append(line).append('\n'));
        } catch (KubernetesClientException e) {
          text.append("# ")
              .append(prefix)
              .append("logs unavailable: ")
              .append(firstLine(e.getMessage()))
              .append('\n');
        }
      }
    }
    return text.toString();
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static int tail(String value) {
    if (value == null || value.isBlank()) {
      return 100;
    }
    try {
      int lines = Integer.parseInt(value);
      if (lines < 1 || lines > MAX_TAIL) {
        throw new NumberFormatException();
      }
      return lines;
    } catch (NumberFormatException e) {
      throw new dev.paved.core.error.UsageException(
          "tail must be 1 to " + MAX_TAIL, "for example tail=200");
    }
  }
}
