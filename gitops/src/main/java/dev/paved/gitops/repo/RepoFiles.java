package dev.paved.gitops.repo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** The files of one revision, path → text, sorted by path. Immutable. */
public record RepoFiles(SortedMap<String, String> files) {

  public RepoFiles {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  public static RepoFiles empty() {
    return new RepoFiles(new TreeMap<>());
  }

  public static RepoFiles of(Map<String, String> files) {
    return new RepoFiles(new TreeMap<>(files));
  }

  public Optional<String> find(String path) {
    return Optional.ofNullable(files.get(path));
  }

  public RepoFiles with(String path, String text) {
    TreeMap<String, String> copy = new TreeMap<>(files);
    copy.put(path, text);
    return new RepoFiles(copy);
  }

  /** These files with everything under {@code prefix} removed. */
  public RepoFiles withoutFolder(String prefix) {
    TreeMap<String, String> copy = new TreeMap<>(files);
    copy.keySet().removeIf(p -> p.startsWith(prefix));
    return new RepoFiles(copy);
  }

  public RepoFiles without(String path) {
    TreeMap<String, String> copy = new TreeMap<>(files);
    copy.remove(path);
    return new RepoFiles(copy);
  }

  /** The files under {@code prefix}, keys relative to it. */
  public SortedMap<String, String> under(String prefix) {
    TreeMap<String, String> result = new TreeMap<>();
    // sorted by path: the files under a prefix are one range, found without a scan
    files
        .subMap(prefix, prefix + Character.MAX_VALUE)
        .forEach((path, text) -> result.put(path.substring(prefix.length()), text));
    return result;
  }

  /** These files with every file of {@code other} put over them (the others kept). */
  public RepoFiles overlay(RepoFiles other) {
    TreeMap<String, String> copy = new TreeMap<>(files);
    copy.putAll(other.files);
    return new RepoFiles(copy);
  }

  /** What changed from {@code before} to these files, by path. */
  public List<FileChange> changesSince(RepoFiles before) {
    TreeSet<String> paths = new TreeSet<>(files.keySet());
    paths.addAll(before.files.keySet());
    List<FileChange> changes = new ArrayList<>();
    for (String path : paths) {
      Optional<String> was = before.find(path);
      Optional<String> now = find(path);
      if (!was.equals(now)) {
        changes.add(new FileChange(path, was, now));
      }
    }
    return changes;
  }
}
