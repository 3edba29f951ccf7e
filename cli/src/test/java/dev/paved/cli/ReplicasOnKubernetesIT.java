package dev.paved.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.cluster.sandbox.Sandbox;
import dev.paved.cluster.sandbox.SandboxClients;
import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import dev.paved.gitops.sync.Shards;
import dev.paved.testing.ChildJvm;
import dev.paved.testing.sandbox.SandboxTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paved on Kubernetes, as the chart installs it: {@code helm install} of deploy/helm/paved into the
 * sandbox (the real API server accepts every object; KWOK runs the pods). The pods cannot run a
 * real image here, so each replica is the real jar started as a process with exactly what its pod
 * would get: the chart's settings file from its ConfigMap, the database from its Secret, the pod's
 * name and namespace, and the credentials of the chart's ServiceAccount (a token from the
 * TokenRequest API), so every call goes through the chart's least-privilege RBAC. Both replicas
 * share one repository directory and one PostgreSQL schema, as they share a volume and a database.
 *
 * <p>The two replicas split the shards; the apps deployed through one are synced by the owners of
 * their shards; {@code kill -9} of a shard's leader hands its shards to the other within the lease
 * time, and an app of a moved shard keeps syncing.
 */
@SandboxTest
class ReplicasOnKubernetesIT {

  private static final Pattern API = Pattern.compile("API:\\s+(http://\\S+)/api/v1");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SHARDS = 4;

  private final Sandbox sandbox;
  private final KubernetesClient admin;
  private final String namespace = "paved-" + Long.toString(System.nanoTime() % 1_000_000, 36);
  private final List<Replica> replicas = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  ReplicasOnKubernetesIT(Sandbox sandbox) {
    this.sandbox = sandbox;
    this.admin = SandboxClients.create(sandbox.kubeconfig());
  }

  @AfterEach
  void removeEverything() throws Exception {
    for (Replica replica : replicas) {
      replica.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    helm("uninstall", "paved", "--namespace", namespace, "--wait", "--timeout", "60s");
    admin.namespaces().withName(namespace).delete();
    admin.namespaces().withName("demo-dev").delete();
    admin.close();
  }

  @Test
  void theChartInstallsTwoReplicasSplitTheShardsAndALeadersDeathHandsItsShardsOver(
      @TempDir Path data) throws Exception {
    String pg = System.getenv("PAVED_TEST_POSTGRES_URL");
    assertThat(pg).as("PAVED_TEST_POSTGRES_URL (./test sets it)").isNotBlank();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    admin
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("paved-db")
                .endMetadata()
                .withStringData(Map.of("url", pg, "user", "paved", "password", ""))
                .build())
        .create();

    String installed =
        helm(
            "install",
            "paved",
            Path.of("../deploy/helm/paved").toAbsolutePath().toString(),
            "--namespace",
            namespace,
            "--set",
            "ha.leaseSeconds=6",
            "--set",
            "ha.shardsPerTarget=" + SHARDS,
            "--wait",
            "--timeout",
            "3m");
    assertThat(installed).contains("STATUS: deployed");
    var deployment = admin.apps().deployments().inNamespace(namespace).withName("paved").get();
    assertThat(deployment.getStatus().getReadyReplicas()).as("KWOK runs the pods").isEqualTo(2);
    assertThat(
            admin
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .withName("paved")
                .get())
        .isNotNull();
    assertThat(
            admin
                .persistentVolumeClaims()
                .inNamespace(namespace)
                .withName("paved-repository")
                .get()
                .getStatus()
                .getPhase())
        .isEqualTo("Bound");

    Path kubeconfig = serviceAccountKubeconfig(data.resolve("paved-sa.kubeconfig"));
    Path settings = data.resolve("server.yaml");
    ConfigMap config = admin.configMaps().inNamespace(namespace).withName("paved").get();
    Files.writeString(settings, config.getData().get("server.yaml"));
    List<String> args =
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    assertThat(args).containsExactly("server", "--config", "/etc/paved/server.yaml");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("POD_NAMESPACE", namespace);
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("PAVED_DB_URL", pg);
    env.put("PAVED_DB_USER", "paved");
    env.put("PAVED_DB_SCHEMA", "ha_" + Long.toString(System.nanoTime(), 36));
    env.put("PAVED_HOST", "127.0.0.1");
    env.put("PAVED_REPOSITORY", data.resolve("volume/platform.git").toString());

    // both start at once, as a Deployment starts them: one creates the repository and the admin
    Replica a = Replica.start("paved-a", data, settings, env, replicas);
    Replica b = Replica.start("paved-b", data, settings, env, replicas);
    a.awaitStarted();
    b.awaitStarted();
    List<String> tokens =
        java.util.stream.Stream.of(a.token(), b.token()).filter(t -> !t.isEmpty()).toList();
    assertThat(tokens).as("the admin token is printed once, by one of them").hasSize(1);
    String token = tokens.get(0);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Set<String> ofA = owned(a, token);
              Set<String> ofB = owned(b, token);
              assertThat(ofA).as("a owns").isNotEmpty();
              assertThat(ofB).as("b owns").isNotEmpty();
              Set<String> both = new HashSet<>(ofA);
              both.retainAll(ofB);
              assertThat(both).as("owned twice").isEmpty();
              Set<String> all = new HashSet<>(ofA);
              all.addAll(ofB);
              assertThat(all).hasSize(SHARDS);
            });

    // an app in every shard, deployed through replica a
    Map<String, String> shardOfApp = appsInEveryShard();
    String main = "";
    for (String app : shardOfApp.keySet()) {
      main = deploy(a, token, app, "1.0.0");
    }
    for (String app : shardOfApp.keySet()) {
      awaitHealthyAt(b, token, app, main);
    }

    // kill -9 the leader of the first app's shard: its shards move to the other replica
    String app = shardOfApp.keySet().iterator().next();
    String shard = shardOfApp.get(app);
    Replica leader = owned(a, token).contains(shard) ? a : b;
    Replica survivor = leader == a ? b : a;
    Set<String> moving = owned(leader, token);
    leader.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    long killed = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(owned(survivor, token)).hasSize(SHARDS));
    System.out.printf(
        "shards %s moved from %s to %s in %.1f s (lease 6 s)%n",
        moving, leader.name(), survivor.name(), (System.nanoTime() - killed) / 1e9);

    // an app of a moved shard keeps syncing: a new image reaches the cluster through the survivor
    String after = deploy(survivor, token, app, "1.0.1");
    assertThat(after).isNotEqualTo(main);
    awaitHealthyAt(survivor, token, app, after);
    assertThat(
            admin
                .apps()
                .deployments()
                .inNamespace("demo-dev")
                .withName(app)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .endsWith(":1.0.1");
    JsonNode shards = get(survivor, token, "/api/v1/shards");
    System.out.println("GET /api/v1/shards on " + survivor.name() + ": " + shards);
    assertThat(shards.path("appsWithoutOwner")).isEmpty();
  }

  /** App names chosen so that every shard of the sandbox target holds one. */
  private static Map<String, String> appsInEveryShard() {
    Shards shards = new Shards(SHARDS);
    Map<String, String> byShard = new TreeMap<>();
    for (int i = 0; byShard.size() < SHARDS; i++) {
      String app = "web-" + i;
      byShard.putIfAbsent(
          shards.of("sandbox", new Deployment("dev", new AppKey("demo", app))), app);
    }
    Map<String, String> apps = new LinkedHashMap<>();
    byShard.forEach((shard, app) -> apps.put(app, shard));
    return apps;
  }

  private static String changeBody(String app, String tag) throws IOException {
    String spec =
        """
        apiVersion: paved.dev/v1alpha1
        kind: App
        app: %s
        team: demo
        path: web-service
        with:
          image: ghcr.io/example/%s:%s
          port: 8080
          replicas: {min: 1, max: 1}
        """
            .formatted(app, app, tag);
    return JSON.writeValueAsString(
        Map.of(
            "title",
            "deploy " + app + " " + tag,
            "intents",
            List.of(Map.of("type", "put-app", "spec", spec, "envs", List.of("dev")))));
  }

  private void awaitHealthyAt(Replica replica, String token, String app, String revision) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode dev = get(replica, token, "/api/v1/apps/demo/" + app).path("envs").get(0);
              assertThat(dev.path("revision").asText()).as(app + ": " + dev).isEqualTo(revision);
              assertThat(dev.path("health").asText()).as(app + ": " + dev).isEqualTo("HEALTHY");
            });
  }

  /** Opens a change deploying the app to dev and merges it; returns the merge commit. */
  private String deploy(Replica replica, String token, String app, String tag) throws Exception {
    JsonNode change = post(replica, token, "/api/v1/changes", changeBody(app, tag));
    String commit = change.path("autoMerge").path("commit").asText(change.path("merged").asText());
    if (commit.isEmpty()) {
      change =
          post(replica, token, "/api/v1/changes/" + change.path("id").asText() + "/merge", "{}");
      commit = change.path("outcome").path("commit").asText();
    }
    assertThat(commit).as(change.toString()).hasSize(40);
    return commit;
  }

  private Set<String> owned(Replica replica, String token) throws Exception {
    Set<String> owned = new HashSet<>();
    get(replica, token, "/api/v1/shards").path("owned").forEach(s -> owned.add(s.asText()));
    return owned;
  }

  private JsonNode get(Replica replica, String token, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(replica.url() + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode post(Replica replica, String token, String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(replica.url() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
    return JSON.readTree(response.body());
  }

  /** A kubeconfig with the chart's ServiceAccount's token: what the pods' in-cluster config is. */
  private Path serviceAccountKubeconfig(Path file) throws IOException {
    String token =
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName("paved")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Config config =
        Config.fromKubeconfig(
            null, Files.readString(sandbox.kubeconfig()), sandbox.kubeconfig().toString());
    String ca =
        config.getCaCertData() != null
            ? config.getCaCertData()
            : java.util.Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: sandbox
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: paved
          user:
            token: %s
        contexts:
        - name: paved
          context: {cluster: sandbox, user: paved, namespace: %s}
        current-context: paved
        """
            .formatted(config.getMasterUrl(), ca, token, namespace));
    return file;
  }

  private String helm(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(helmBinary());
    command.addAll(List.of(args));
    command.addAll(List.of("--kubeconfig", sandbox.kubeconfig().toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  /** Helm, built from its Go module by scripts/helm.sh (./test runs it first). */
  static String helmBinary() throws Exception {
    String set = System.getenv("PAVED_HELM");
    if (set != null && !set.isBlank()) {
      return set;
    }
    Process build = new ProcessBuilder("bash", "../scripts/helm.sh").start();
    String path = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(build.waitFor()).as("scripts/helm.sh").isZero();
    return path;
  }

  /** One replica: the real jar, as its pod would run it. */
  private record Replica(
      String name, Process process, BlockingQueue<String> lines, List<String> out, String[] found) {

    static Replica start(
        String name, Path data, Path settings, Map<String, String> env, List<Replica> all)
        throws IOException {
      List<String> command = new java.util.ArrayList<>(ChildJvm.java());
      command.addAll(
          List.of("-jar", "target/paved.jar", "server", "--config", settings.toString()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      builder.environment().put("POD_NAME", name);
      builder.environment().put("PAVED_DATA_DIR", data.resolve(name).toString());
      builder.environment().put("PAVED_CREDENTIALS", data.resolve(name + ".json").toString());
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        builder.environment().put("PAVED_PORT", String.valueOf(socket.getLocalPort()));
      }
      Process process = builder.start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread.ofVirtual()
          .start(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    out.add(line);
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // the process ended
                }
              });
      Replica replica = new Replica(name, process, lines, out, new String[] {"", ""});
      all.add(replica);
      return replica;
    }

    void awaitStarted() throws InterruptedException {
      while (true) {
        String line = lines.poll(120, TimeUnit.SECONDS);
        if (line == null) {
          throw new AssertionError(name + " printed no 'Ctrl-C stops it.' in 120 s: " + out);
        }
        Matcher api = API.matcher(line);
        if (api.find()) {
          found[0] = api.group(1);
        }
        PavedProcess.adminToken(line).ifPresent(t -> found[1] = t);
        if (line.startsWith("Ctrl-C stops it.")) {
          return;
        }
      }
    }

    String url() {
      return found[0];
    }

    String token() {
      return found[1];
    }
  }
}
