package dev.paved.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.NotAuthenticatedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The servers the CLI is logged in to and their tokens, in a file only its owner can read (0600):
 * {@code ~/.paved/credentials.json}, or {@code $PAVED_CREDENTIALS} / {@code -Dpaved.credentials}.
 */
public final class Credentials {

  /** A server and the token to call it with. */
  public record Login(String server, String token, String user) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public Credentials(Path file) {
    this.file = file;
  }

  public static Credentials standard() {
    String explicit =
        Optional.ofNullable(System.getProperty("paved.credentials"))
            .orElse(System.getenv("PAVED_CREDENTIALS"));
    return new Credentials(
        explicit != null && !explicit.isBlank()
            ? Path.of(explicit)
            : Path.of(System.getProperty("user.home"), ".paved", "credentials.json"));
  }

  public Path file() {
    return file;
  }

  /** The current server's login, or a 401-style error saying how to log in. */
  public Login current() {
    JsonNode root = read();
    String server = root.path("current").asText("");
    JsonNode entry = root.path("servers").path(server);
    if (server.isEmpty() || !entry.has("token")) {
      throw new NotAuthenticatedException(
          "not logged in to a Paved server (" + file + " has no current server)",
          "run 'paved login URL' (or 'paved up', which logs you in to the local server)");
    }
    return new Login(server, entry.path("token").asText(), entry.path("user").asText(""));
  }

  /** Stores a login and makes it the current one; the file is replaced whole, mode 0600. */
  public void save(Login login) {
    ObjectNode root = (ObjectNode) read();
    root.put("current", login.server());
    ObjectNode servers =
        root.has("servers") ? (ObjectNode) root.get("servers") : root.putObject("servers");
    ObjectNode entry = servers.putObject(login.server());
    entry.put("token", login.token());
    entry.put("user", login.user());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path staging = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(staging);
      Files.createFile(
          staging,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(staging, JSON.writeValueAsString(root));
      Files.move(
          staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot write " + file + ": " + e.getMessage(),
          "check the directory's permissions",
          false,
          e);
    }
  }

  private JsonNode read() {
    if (!Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      return root != null && root.isObject() ? root : JSON.createObjectNode();
    } catch (IOException e) {
      throw new EnvironmentException(
          "cannot read " + file + ": " + e.getMessage(),
          "fix or delete the file, then run 'paved login URL' again",
          false,
          e);
    }
  }
}
