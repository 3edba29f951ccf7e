package dev.paved.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down token guessing: after {@link #LIMIT} failed authentications from one address within
 * {@link #WINDOW}, that address is refused until the oldest failure leaves the window.
 */
public final class FailureThrottle {

  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);

  /** Past this many addresses, the quiet ones are forgotten on the next failure. */
  static final int MAX_ADDRESSES = 10_000;

  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public FailureThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long the address must wait, when it must. */
  public Optional<Duration> blocked(String address) {
    Deque<Instant> recent = failures.get(address);
    if (recent == null) {
      return Optional.empty();
    }
    synchronized (recent) {
      prune(recent);
      if (recent.size() < LIMIT) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(clock.instant(), recent.peekFirst().plus(WINDOW)));
    }
  }

  public void failed(String address) {
    if (failures.size() > MAX_ADDRESSES) {
      forgetQuietAddresses();
    }
    Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (recent) {
      prune(recent);
      recent.addLast(clock.instant());
    }
  }

  /** Addresses with no failure in the window are forgotten, so the map stays small. */
  private void forgetQuietAddresses() {
    failures
        .values()
        .removeIf(
            recent -> {
              synchronized (recent) {
                prune(recent);
                return recent.isEmpty();
              }
            });
  }

  private void prune(Deque<Instant> recent) {
    Instant horizon = clock.instant().minus(WINDOW);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
      recent.removeFirst();
    }
  }
}
