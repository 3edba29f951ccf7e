package dev.paved.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one reliability test injected or generated (counted as it goes, so the figure is what really
 * ran) and what held afterwards.
 */
public final class Tally {

  private final AtomicLong count = new AtomicLong();
  private volatile String unit = "runs";
  private final List<String> held = new ArrayList<>();

  /** Names what is counted: "kills at random points", "generated specs". */
  public Tally counting(String unit) {
    this.unit = unit;
    return this;
  }

  /** One more injection or input. */
  public void add() {
    count.incrementAndGet();
  }

  public void add(long n) {
    count.addAndGet(n);
  }

  /** A fact that held, for the result column: "0 objects deleted". */
  public synchronized void held(String fact) {
    held.add(fact);
  }

  public long count() {
    return count.get();
  }

  public String unit() {
    return unit;
  }

  public synchronized List<String> facts() {
    return List.copyOf(held);
  }
}
