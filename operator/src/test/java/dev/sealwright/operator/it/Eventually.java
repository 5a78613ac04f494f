package dev.sealwright.operator.it;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds; the API server is eventually consistent with the operator. */
final class Eventually {
  private Eventually() {}

  static void await(String what, Duration timeout, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.get())) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
  }

  static <T> T value(String what, Duration timeout, Supplier<T> supplier) {
    Object[] holder = new Object[1];
    await(
        what,
        timeout,
        () -> {
          holder[0] = supplier.get();
          return holder[0] != null;
        });
    @SuppressWarnings("unchecked")
    T t = (T) holder[0];
    return t;
  }
}
