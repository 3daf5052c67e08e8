package dev.runnel.runtime.checkpoint;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link CheckpointScheduler} for tests: time stands still until {@link #advance} moves it, and
 * tasks run on the test's thread, in time order (tasks due at the same time in the order they were
 * scheduled), only inside {@link #advance} and {@link #runDue}. So a test of the coordinator's
 * timing sleeps nowhere and is the same in every run.
 */
final class ManualCheckpointScheduler implements CheckpointScheduler {
  private final class Task implements Cancellable, Comparable<Task> {
    final Runnable body;
    final long period; // 0: once
    final long seq = nextSeq++;
    long due;
    boolean cancelled;

    Task(Runnable body, long due, long period) {
      this.body = body;
      this.due = due;
      this.period = period;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Task o) {
      return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long now = 1_000_000_000L; // not 0, so that nothing depends on the clock's origin
  private long nextSeq;
  private boolean shutdown;

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayNanos) {
    return add(new Task(task, now + delayNanos, 0));
  }

  @Override
  public synchronized Cancellable scheduleWithFixedDelay(Runnable task, long initialDelayNanos,
      long delayNanos) {
    return add(new Task(task, now + initialDelayNanos, delayNanos));
  }

  @Override
  public synchronized void execute(Runnable task) {
    add(new Task(task, now, 0));
  }

  private Task add(Task t) {
    if (!shutdown) {
      queue.add(t);
    }
    return t;
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
    queue.clear();
  }

  /** Moves the clock forward by {@code by}, running every task that falls due on the way. */
  void advance(Duration by) {
    long until;
    synchronized (this) {
      until = now + by.toNanos();
    }
    while (runNext(until)) {
      // one task at a time, in due order, with the clock at its due time
    }
    synchronized (this) {
      now = Math.max(now, until);
    }
  }

  /** Runs the tasks due now (and those they make due now), without moving the clock. */
  void runDue() {
    advance(Duration.ZERO);
  }

  /** Runs the next task due by {@code until}, with the clock set to its due time. */
  private boolean runNext(long until) {
    Task t;
    synchronized (this) {
      t = queue.peek();
      if (t == null || t.due > until) {
        return false;
      }
      queue.poll();
      if (t.cancelled) {
        return true;
      }
      now = Math.max(now, t.due);
    }
    t.body.run(); // without the lock: the body calls back into the scheduler
    synchronized (this) {
      if (t.period > 0 && !t.cancelled && !shutdown) {
        t.due = now + t.period;
        queue.add(t);
      }
    }
    return true;
  }
}
