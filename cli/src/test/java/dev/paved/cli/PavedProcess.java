package dev.paved.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code paved server} as its own process (the real jar), its output kept line by line: started
 * until it prints "Ctrl-C stops it.", then stopped with SIGTERM or killed with SIGKILL.
 */
final class PavedProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final String url;
  private final Optional<String> token;
  private final List<String> output;
  private final Thread pump;
  private final HttpClient http = HttpClient.newHttpClient();

  private PavedProcess(
      Process process, String url, Optional<String> token, List<String> output, Thread pump) {
    this.process = process;
    this.url = url;
    this.token = token;
    this.output = output;
    this.pump = pump;
  }

  /**
   * Starts {@code paved server} on {@code port} over the data directory, with {@code env} added to
   * its environment and {@code args} after the command's own.
   */
  static PavedProcess server(Path data, int port, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.addAll(ChildJvm.java());
    command.addAll(
        List.of(
            "-jar",
            "target/paved.jar",
            "server",
            "--data-dir",
            data.toString(),
            "--port",
            String.valueOf(port)));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread pump = pump(process.getInputStream(), output, lines);
    Optional<String> token = Optional.empty();
    while (true) {
      String line = lines.poll(180, TimeUnit.SECONDS);
      if (line == null || line.equals(END)) {
        process.destroyForcibly();
        throw new AssertionError(
            "paved server printed no 'Ctrl-C stops it.'; its output:\n"
                + String.join("\n", output));
      }
      token = token.or(() -> adminToken(line));
      if (line.startsWith("Ctrl-C stops it.")) {
        break;
      }
    }
    return new PavedProcess(process, "http://127.0.0.1:" + port, token, output, pump);
  }

  private static final String END = "\u0000end";
  private static final java.util.regex.Pattern TOKEN_FILE =
      java.util.regex.Pattern.compile("Admin token: written to (\\S+)");

  /** The admin token of a first start, from the file the line names. */
  static Optional<String> adminToken(String line) {
    java.util.regex.Matcher file = TOKEN_FILE.matcher(line);
    if (!file.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(java.nio.file.Files.readString(Path.of(file.group(1))).strip());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Thread pump(InputStream stream, List<String> all, BlockingQueue<String> lines) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  all.add(line);
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
              lines.add(END);
            });
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String url() {
    return url;
  }

  /** The admin token a first start prints. */
  Optional<String> token() {
    return token;
  }

  long pid() {
    return process.pid();
  }

  /** Everything the process printed so far. */
  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** GET with a bearer token: the status and the parsed body (null node when not JSON). */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  Answer get(String path, String bearer) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url + path)).GET(), bearer);
  }

  Answer post(String path, String bearer, String json) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        bearer);
  }

  private Answer send(HttpRequest.Builder request, String bearer)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request
                .header("Authorization", "Bearer " + bearer)
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("paved server did not die of SIGKILL within 30 s");
    }
    pump.join(5000);
  }

  /** SIGTERM, as a service manager sends it. */
  void stop() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("paved server did not stop within 60 s of SIGTERM");
    }
    pump.join(5000);
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
