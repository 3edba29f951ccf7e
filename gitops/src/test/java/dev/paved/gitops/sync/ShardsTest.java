package dev.paved.gitops.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paved.gitops.repo.RepoLayout.AppKey;
import dev.paved.gitops.repo.RepoLayout.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardsTest {

  @Test
  void everyDeploymentBelongsToExactlyOneShardOfItsTargetAndAlwaysTheSame() {
    Shards shards = new Shards(8);
    List<String> all = shards.all(List.of("eks-prod", "gke"));
    Map<String, Integer> load = new HashMap<>();

    for (int i = 0; i < 4_000; i++) {
      Deployment d = new Deployment("prod", new AppKey("team-" + (i % 40), "app-" + i));
      String shard = shards.of("eks-prod", d);
      assertThat(all).contains(shard);
      assertThat(shard).startsWith("eks-prod-").isEqualTo(new Shards(8).of("eks-prod", d));
      load.merge(shard, 1, Integer::sum);
    }

    assertThat(all).hasSize(16).doesNotHaveDuplicates();
    assertThat(load).hasSize(8);
    assertThat(load.values()).allSatisfy(n -> assertThat(n).isBetween(350, 650));
  }

  @Test
  void withoutASplitEachTargetIsOneShardAndEnvironmentsOfAnAppStayTogether() {
    Shards shards = new Shards(1);
    Deployment dev = new Deployment("dev", new AppKey("search", "chat"));
    Deployment prod = new Deployment("prod", new AppKey("search", "chat"));

    assertThat(shards.all(List.of("sandbox"))).containsExactly("sandbox");
    assertThat(shards.of("sandbox", dev)).isEqualTo("sandbox");
    assertThat(new Shards(4).of("t", dev)).isEqualTo(new Shards(4).of("t", prod));
    assertThatThrownBy(() -> new Shards(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
