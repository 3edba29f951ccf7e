package dev.paved.gitops.repo;

import dev.paved.core.error.EnvironmentException;
import dev.paved.core.error.InvalidInputException;
import dev.paved.core.error.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare Git repository through JGit. Commits are written whole (every file of the revision), and
 * refs move only by compare-and-swap ({@link #moveRef}): a writer that lost a race learns it and
 * retries on the new tip, and a process killed mid-way leaves at most unreferenced objects, never a
 * ref to a half-written commit. Thread-safe.
 */
public final class GitRepository implements AutoCloseable {

  public static final String MAIN = "refs/heads/main";

  private final Repository repository;

  private GitRepository(Repository repository) {
    this.repository = repository;
  }

  /** Opens the bare repository at {@code dir}, creating it (with HEAD on main) when absent. */
  public static GitRepository openOrCreate(Path dir) {
    try {
      boolean exists = Files.isDirectory(dir.resolve("objects"));
      Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
      if (!exists) {
        repo.create(true);
        RefUpdate head = repo.updateRef(Constants.HEAD);
        head.link(MAIN);
      }
      return new GitRepository(repo);
    } catch (IOException e) {
      throw unavailable("open the repository at " + dir, e);
    }
  }

  /** Whether the repository holds the object {@code id} (a commit named in a request). */
  public boolean has(ObjectId id) {
    try {
      return repository.getObjectDatabase().has(id);
    } catch (IOException e) {
      throw unavailable("look up " + id.name(), e);
    }
  }

  public Optional<ObjectId> resolve(String ref) {
    try {
      Ref found = repository.exactRef(ref);
      return Optional.ofNullable(found).map(Ref::getObjectId);
    } catch (IOException e) {
      throw unavailable("read " + ref, e);
    }
  }

  /** Commits read lately: a commit never changes, and status pages read the same few often. */
  private final java.util.Map<ObjectId, RepoFiles> recent =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<ObjectId, RepoFiles> eldest) {
              return size() > 3;
            }
          });

  /** Every file of a commit (the last three commits read are kept in memory). */
  public RepoFiles read(ObjectId commit) {
    RepoFiles known = recent.get(commit);
    if (known != null) {
      return known;
    }
    RepoFiles files = readTree(commit.copy());
    recent.put(commit.copy(), files);
    return files;
  }

  private RepoFiles readTree(ObjectId commit) {
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(walk.parseCommit(commit).getTree());
      tree.setRecursive(true);
      TreeMap<String, String> files = new TreeMap<>();
      ObjectReader reader = tree.getObjectReader();
      while (tree.next()) {
        byte[] bytes = reader.open(tree.getObjectId(0)).getBytes();
        files.put(tree.getPathString(), new String(bytes, StandardCharsets.UTF_8));
      }
      return new RepoFiles(files);
    } catch (IOException e) {
      throw unavailable("read commit " + commit.name(), e);
    }
  }

  /** Writes a commit holding exactly {@code files}; moves no ref. */
  public ObjectId commit(List<ObjectId> parents, RepoFiles files, String message, String author) {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      for (Map.Entry<String, String> file : files.files().entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(file.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(
            inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
        builder.add(entry);
      }
      builder.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      commit.setParentIds(parents);
      PersonIdent who =
          new PersonIdent(author, author + "@paved.local", Instant.now(), java.time.ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    } catch (IOException e) {
      throw unavailable("write a commit", e);
    }
  }

  /**
   * Moves {@code ref} to {@code next} only if it still points at {@code expected} (absent: only if
   * the ref does not exist). Returns false when another writer moved it first.
   */
  public boolean moveRef(String ref, Optional<ObjectId> expected, ObjectId next, String reason) {
    RefUpdate.Result result = tryMove(ref, expected, next, reason);
    if (result == RefUpdate.Result.LOCK_FAILURE && removeStaleLock(ref)) {
      result = tryMove(ref, expected, next, reason);
    }
    return switch (result) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> true;
      default -> false;
    };
  }

  /**
   * A ref lock is held for milliseconds; one older than {@link #STALE_LOCK} was left by a process
   * that died while moving the ref (its move never happened), and would block the ref forever.
   */
  private boolean removeStaleLock(String ref) {
    Path lock = directory().resolve(ref + ".lock");
    try {
      if (Files.exists(lock)
          && Files.getLastModifiedTime(lock)
              .toInstant()
              .isBefore(Instant.now().minus(STALE_LOCK))) {
        return Files.deleteIfExists(lock);
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static final java.time.Duration STALE_LOCK = java.time.Duration.ofSeconds(2);

  private RefUpdate.Result tryMove(
      String ref, Optional<ObjectId> expected, ObjectId next, String reason) {
    try {
      RefUpdate update = repository.updateRef(ref);
      update.setExpectedOldObjectId(expected.orElse(ObjectId.zeroId()));
      update.setNewObjectId(next);
      update.setForceUpdate(true);
      update.setRefLogMessage(reason, false);
      return update.update();
    } catch (IOException e) {
      throw unavailable("move " + ref, e);
    }
  }

  /** Deletes a ref (a closed change's branch); absent refs are fine. */
  public void deleteRef(String ref) {
    try {
      RefUpdate update = repository.updateRef(ref);
      update.setForceUpdate(true);
      update.delete();
    } catch (IOException e) {
      throw unavailable("delete " + ref, e);
    }
  }

  /** The names of refs under a prefix, e.g. {@code refs/paved/records/}. */
  public List<String> refs(String prefix) {
    try {
      return repository.getRefDatabase().getRefsByPrefix(prefix).stream()
          .map(Ref::getName)
          .toList();
    } catch (IOException e) {
      throw unavailable("list refs", e);
    }
  }

  /** A commit's message, author, time and parents. */
  public CommitInfo info(ObjectId id) {
    try (RevWalk walk = new RevWalk(repository)) {
      return infoOf(walk.parseCommit(id));
    } catch (IOException e) {
      throw unavailable("read commit " + id.name(), e);
    }
  }

  private static CommitInfo infoOf(RevCommit commit) {
    List<String> parents = new ArrayList<>();
    for (RevCommit parent : commit.getParents()) {
      parents.add(parent.name());
    }
    return new CommitInfo(
        commit.name(),
        commit.getFullMessage(),
        commit.getAuthorIdent().getName(),
        commit.getAuthorIdent().getWhenAsInstant(),
        parents);
  }

  /** The first-parent history of a ref, newest first, at most {@code max} commits. */
  public List<CommitInfo> log(String ref, int max) {
    return resolve(ref).map(tip -> log(tip, max)).orElse(List.of());
  }

  /** The first-parent history from the commit {@code tip}, newest first, at most {@code max}. */
  public List<CommitInfo> log(ObjectId tip, int max) {
    List<CommitInfo> commits = new ArrayList<>();
    Optional<ObjectId> next = Optional.of(tip);
    while (next.isPresent() && commits.size() < max) {
      CommitInfo info = info(next.get());
      commits.add(info);
      next =
          info.parents().isEmpty()
              ? Optional.empty()
              : Optional.of(ObjectId.fromString(info.parents().getFirst()));
    }
    return commits;
  }

  /**
   * The commit a full or abbreviated id (at least 7 hex digits) names.
   *
   * @throws InvalidInputException when it is not hex, too short, or names several commits
   * @throws NotFoundException when no commit has that id
   */
  public ObjectId requireCommit(String id) {
    if (!id.matches("[0-9a-f]{7,40}")) {
      throw new InvalidInputException(
          "'" + id + "' is not a commit id (7 to 40 hex digits)",
          "take one from the app's history: paved history APP --env ENV");
    }
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      var candidates = reader.resolve(org.eclipse.jgit.lib.AbbreviatedObjectId.fromString(id));
      List<ObjectId> commits = new ArrayList<>();
      for (ObjectId candidate : candidates) {
        if (walk.parseAny(candidate).getType() == Constants.OBJ_COMMIT) {
          commits.add(candidate.copy());
        }
      }
      if (commits.size() > 1) {
        throw new InvalidInputException(
            "'" + id + "' names " + commits.size() + " commits",
            "give more of its digits (the history shows 12)");
      }
      return commits.stream()
          .findFirst()
          .orElseThrow(
              () ->
                  new NotFoundException(
                      "no commit " + id + " in the platform repository",
                      "take one from the app's history: paved history APP --env ENV"));
    } catch (IOException e) {
      throw unavailable("look up " + id, e);
    }
  }

  /**
   * The commits of {@code ref}'s first-parent history that changed anything under {@code folder},
   * newest first: {@code skip} of them left out, then at most {@code max}.
   */
  public List<CommitInfo> logOf(String ref, String folder, int skip, int max) {
    return resolve(ref).map(tip -> logOf(tip, folder, skip, max)).orElse(List.of());
  }

  /**
   * As {@link #logOf(String, String, int, int)}, from the commit {@code tip}. A commit counts when
   * the folder's tree differs from its first parent's (a merge is compared with the main it was
   * merged onto, never with the change branch that has the same files).
   */
  public List<CommitInfo> logOf(ObjectId tip, String folder, int skip, int max) {
    String path = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    try (RevWalk walk = new RevWalk(repository)) {
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(tip));
      List<CommitInfo> commits = new ArrayList<>();
      int seen = 0;
      for (RevCommit commit : walk) {
        Optional<ObjectId> here = treeAt(commit, path);
        Optional<ObjectId> before =
            commit.getParentCount() == 0
                ? Optional.empty()
                : treeAt(walk.parseCommit(commit.getParent(0)), path);
        if (here.equals(before)) {
          continue;
        }
        if (seen++ < skip) {
          continue;
        }
        if (commits.size() >= max) {
          break;
        }
        commits.add(infoOf(commit));
      }
      return commits;
    } catch (IOException e) {
      throw unavailable("read the history of " + folder, e);
    }
  }

  /** The id of what {@code path} holds in a commit's tree, if anything. */
  private Optional<ObjectId> treeAt(RevCommit commit, String path) throws IOException {
    try (TreeWalk found = TreeWalk.forPath(repository, path, commit.getTree())) {
      return Optional.ofNullable(found).map(f -> f.getObjectId(0).copy());
    }
  }

  /** The JGit repository, for transport (push, fetch) only. */
  Repository jgit() {
    return repository;
  }

  public Path directory() {
    return repository.getDirectory().toPath();
  }

  private static EnvironmentException unavailable(String what, Exception e) {
    return new EnvironmentException(
        "cannot " + what + ": " + e.getMessage(),
        "check that the repository folder exists and is writable",
        true,
        e instanceof IOException io ? new UncheckedIOException(io) : e);
  }

  @Override
  public void close() {
    repository.close();
  }
}
