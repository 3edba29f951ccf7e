package dev.paved.gitops.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.paved.gitops.repo.GitRepository;
import dev.paved.gitops.repo.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Keeps change request records in the repository itself, one ref per change ({@code
 * refs/paved/records/<id>}), each update a commit on top of the last: the record's history is its
 * audit trail (opened, approved by, merged as), and an update is a compare-and-swap of the ref.
 */
final class RecordStore {

  static final String PREFIX = "refs/paved/records/";
  private static final String FILE = "record.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final GitRepository repo;

  RecordStore(GitRepository repo) {
    this.repo = repo;
  }

  Optional<ChangeRequest> find(String id) {
    return repo.resolve(PREFIX + id)
        .map(commit -> parse(repo.read(commit).find(FILE).orElseThrow()));
  }

  List<ChangeRequest> all() {
    List<ChangeRequest> records = new ArrayList<>();
    for (String ref : repo.refs(PREFIX)) {
      find(ref.substring(PREFIX.length())).ifPresent(records::add);
    }
    records.sort(java.util.Comparator.comparing(ChangeRequest::opened));
    return records;
  }

  /**
   * Writes {@code next} if the stored record is still {@code expected} (absent: a new record).
   * Returns false when someone else updated it first.
   */
  boolean save(Optional<ChangeRequest> expected, ChangeRequest next, String event, String actor) {
    Optional<ObjectId> tip = repo.resolve(PREFIX + next.id());
    if (expected.isPresent() != tip.isPresent()) {
      return false;
    }
    if (expected.isPresent() && !expected.equals(find(next.id()))) {
      return false;
    }
    ObjectId commit =
        repo.commit(
            tip.map(List::of).orElse(List.of()),
            RepoFiles.of(Map.of(FILE, write(next))),
            next.id() + ": " + event,
            actor);
    return repo.moveRef(PREFIX + next.id(), tip, commit, event);
  }

  private static String write(ChangeRequest change) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", change.id());
    map.put("title", change.title());
    map.put("author", change.author());
    map.put("state", change.state().name());
    map.put("base", change.base());
    map.put("head", change.head());
    map.put("intents", change.intents().stream().map(Intent::toMap).toList());
    map.put("envs", change.envs());
    map.put("approvals", change.approvals());
    map.put("opened", change.opened().toString());
    change.merged().ifPresent(m -> map.put("merged", m));
    change.blocked().ifPresent(b -> map.put("blocked", b));
    try {
      return JSON.writeValueAsString(map) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static ChangeRequest parse(String json) {
    try {
      Map<String, Object> map = JSON.readValue(json, Map.class);
      return new ChangeRequest(
          (String) map.get("id"),
          (String) map.get("title"),
          (String) map.get("author"),
          ChangeState.valueOf((String) map.get("state")),
          (String) map.get("base"),
          (String) map.get("head"),
          ((List<Map<String, Object>>) map.get("intents")).stream().map(Intent::fromMap).toList(),
          (List<String>) map.get("envs"),
          (List<String>) map.get("approvals"),
          Instant.parse((String) map.get("opened")),
          Optional.ofNullable((String) map.get("merged")),
          Optional.ofNullable((String) map.get("blocked")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
