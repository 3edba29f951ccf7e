package dev.paved.server.http;

import dev.paved.cluster.logs.ContainerLog;
import dev.paved.cluster.logs.LogReader;
import dev.paved.cluster.logs.LogReasons;
import dev.paved.cluster.logs.LogSource;
import dev.paved.cluster.sandbox.SandboxLabels;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
              + ": no log: "
              + LogReasons.why(e)
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
   * pod and container; a container whose log cannot be read gets a {@code #} line saying why in one
   * sentence. Every log is read at once, each within {@link LogReader#BOUND}.
   */
  public static String recent(Services services, AppKey key, String env, int tail) {
    Backend.Placement placement = placement(services, key, env);
    List<LogSource> sources = new ArrayList<>();
    Map<String, String> nodes = new HashMap<>();
    for (Pod pod : pods(placement, key, env)) {
      nodes.put(pod.getMetadata().getName(), pod.getSpec().getNodeName());
      for (Container container : pod.getSpec().getContainers()) {
        sources.add(
            new LogSource(
                placement.namespace(), pod.getMetadata().getName(), container.getName(), false));
      }
    }
    StringBuilder text = new StringBuilder();
    for (ContainerLog log : placement.logs().read(sources, tail)) {
      String prefix = log.source().pod() + "/" + log.source().container() + ": ";
      switch (log) {
        case ContainerLog.Read read ->
            read.text().lines().forEach(line -> text.append(prefix).append(line).append('\n'));
        case ContainerLog.Unavailable none ->
            text.append("# ")
                .append(prefix)
                .append("no log: ")
                .append(simulated(placement, nodes.get(none.source().pod())).orElse(none.reason()))
                .append('\n');
      }
    }
    return text.toString();
  }

  /**
   * Why a pod on a simulated (KWOK) node has no log, in words: no container runs there. Empty for a
   * real node, or when the node cannot be read.
   */
  private static Optional<String> simulated(Backend.Placement placement, String node) {
    if (node == null || node.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(placement.client().nodes().withName(node).get())
          .map(n -> n.getMetadata().getAnnotations())
          .filter(a -> "fake".equals(a.get(SandboxLabels.KWOK_NODE)))
          .map(
              a ->
                  "it runs on the simulated node "
                      + node
                      + " (KWOK), where no container really runs, so there is no log line");
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
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
