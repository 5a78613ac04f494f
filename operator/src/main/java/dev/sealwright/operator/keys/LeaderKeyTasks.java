package dev.sealwright.operator.keys;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the leader does with keys: protect plain keys when told to migrate, make the first key,
 * rotate on schedule, keep the public-keys ConfigMap in step with the key Secrets, and answer
 * retirement requests (at once when a key Secret changes, and at each check). Started when
 * leadership is won, stopped when it is lost.
 */
public final class LeaderKeyTasks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderKeyTasks.class);

  private final ClusterKeys keys;
  private final KeyRotation rotation;
  private final PublicKeysPublisher publisher;
  private final KeyMigration migration;
  private final KeyRetirement retirement;
  private final Duration checkInterval;
  private ScheduledExecutorService scheduler;

  public LeaderKeyTasks(
      ClusterKeys keys,
      KeyRotation rotation,
      PublicKeysPublisher publisher,
      KeyMigration migration,
      KeyRetirement retirement,
      Duration checkInterval) {
    this.keys = keys;
    this.rotation = rotation;
    this.publisher = publisher;
    this.migration = migration;
    this.retirement = retirement;
    this.checkInterval = checkInterval;
    keys.onChange(snapshot -> whileLeading(() -> publisher.publish(snapshot)));
    keys.onSecretEvent(() -> whileLeading(retirement::check));
  }

  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("sealwright-keys").unstarted(r));
    // check() catches what it can retry, so the schedule never ends in an exceptional future.
    var unused =
        scheduler.scheduleWithFixedDelay(
            this::check, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  public synchronized boolean running() {
    return scheduler != null;
  }

  /** Rotates now (for tests and operators forcing a rotation), then republishes. */
  public String rotateNow() {
    return rotation.rotateNow();
  }

  private void check() {
    try {
      // Migration first: a rotation due at the same time then finds the old keys protected.
      migration.migrate();
      rotation.rotateIfDue();
      publisher.publish(keys.snapshot());
      retirement.check();
    } catch (RuntimeException e) {
      // Retried at the next check; the message carries names and status codes only.
      LOG.warn("key check failed: {}", e.getMessage());
    }
  }

  private void whileLeading(Runnable task) {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
    }
    if (s != null) {
      s.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.warn("key task failed: {}", e.getMessage());
            }
          });
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
