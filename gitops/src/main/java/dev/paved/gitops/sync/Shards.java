package dev.paved.gitops.sync;

import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Splits the work into shards: one per target, and inside a big target {@code split} parts by a
 * stable hash of the app, so one huge cluster can still be shared. Every deployment belongs to
 * exactly one shard, and the same one on every replica.
 *
 * @param split how many parts each target is cut into (1: a shard per target)
 */
public record Shards(int split) {

  public Shards {
    if (split < 1 || split > 256) {
      throw new IllegalArgumentException("split must be 1 to 256, not " + split);
    }
  }

  /** The shard of a deployment on a target: {@code target} or {@code target-3-of-8}. */
  public String of(String target, Deployment deployment) {
    if (split == 1) {
      return target;
    }
    CRC32 crc = new CRC32();
    crc.update(
        (deployment.app().team() + "/" + deployment.app().app()).getBytes(StandardCharsets.UTF_8));
    return name(target, (int) (crc.getValue() % split));
  }

  /** Every shard of these targets. */
  public List<String> all(List<String> targets) {
    List<String> shards = new ArrayList<>();
    for (String target : targets) {
      if (split == 1) {
        shards.add(target);
      } else {
        for (int i = 0; i < split; i++) {
          shards.add(name(target, i));
        }
      }
    }
    return shards;
  }

  private String name(String target, int part) {
    return target + "-" + part + "-of-" + split;
  }
}
