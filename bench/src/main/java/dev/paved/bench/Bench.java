package dev.paved.bench;

import java.util.Arrays;

/** Entry point: {@code java -jar paved-bench.jar render [--apps N] [--json FILE]}. */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("render")) {
      System.err.println("usage: bench/run.sh render [--apps N] [--anchor-apps N] [--json FILE]");
      System.exit(2);
    }
    RenderBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
  }
}
