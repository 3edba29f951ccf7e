package dev.paved.bench;

import java.util.Arrays;

/** Entry point: {@code java -jar paved-bench.jar render|apply|portal|scale [options]}. */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (args.length == 0 ? "" : args[0]) {
      case "render" -> RenderBenchmark.main(rest);
      case "apply" -> ApplyBenchmark.main(rest);
      case "portal" -> PortalBenchmark.main(rest);
      case "scale" -> ScaleBenchmark.main(rest);
      case "clusters" -> ClustersBenchmark.main(rest);
      case "load" -> LoadBenchmark.main(rest);
      case "doctor" -> DoctorBenchmark.main(rest);
      default -> {
        System.err.println("usage: bench/run.sh render [--apps N] [--anchor-apps N] [--json FILE]");
        System.err.println("       bench/run.sh apply [--apps N] [--json FILE]");
        System.err.println("       bench/run.sh portal [--apps N] [--requests N] [--json FILE]");
        System.err.println(
            "       bench/run.sh scale [--apps N] [--nodes N] [--replicas N] [--merges N] [--json FILE]");
        System.err.println("       bench/run.sh clusters [--apps N] [--json FILE]");
        System.err.println(
            "       bench/run.sh load [--apps N] [--connections N] [--seconds N] [--json FILE] [--reliability-rows]");
        System.err.println("       bench/run.sh doctor [--rounds N] [--json FILE]");
        System.err.println("       bench/run.sh all [--json-dir DIR]   (every harness, in turn)");
        System.exit(2);
      }
    }
  }
}
