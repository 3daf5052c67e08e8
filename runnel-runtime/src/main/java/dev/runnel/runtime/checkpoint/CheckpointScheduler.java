package dev.runnel.runtime.checkpoint;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time and the thread of a {@link CheckpointCoordinator}: when now is, running a task later,
 * periodically or as soon as possible. The coordinator's timing rules (interval, minimum pause,
 * timeout, savepoint queueing) read the time only through this, so tests drive them with a manual
 * clock instead of sleeping. Tasks never run concurrently with each other.
 */
public interface CheckpointScheduler {
  /** A scheduled task, which can be called off. */
  interface Cancellable {
    void cancel();
  }

  /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Runs {@code task} once, {@code delayNanos} from now. */
  Cancellable schedule(Runnable task, long delayNanos);

  /** Runs {@code task} after {@code initialDelayNanos}, then {@code delayNanos} after each run ends. */
  Cancellable scheduleWithFixedDelay(Runnable task, long initialDelayNanos, long delayNanos);

  /** Runs {@code task} as soon as possible, after the tasks already due. */
  void execute(Runnable task);

  /** Runs nothing new; waits a while for a task that is running to end. */
  void shutdown();

  /**
   * Waits up to a minute for {@code executor} to end, even if interrupted meanwhile (the flag is
   * set again after): a cancel interrupts the thread that stops a job, and a task still writing
   * into a checkpoint folder must not outlive {@code JobHandle.await()}.
   */
  static void awaitTermination(ExecutorService executor) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try {
        executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The real clock and one daemon thread named {@code threadName}. */
  static CheckpointScheduler system(String threadName) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    return new CheckpointScheduler() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> f = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }

      @Override
      public Cancellable scheduleWithFixedDelay(Runnable task, long initialDelayNanos,
          long delayNanos) {
        ScheduledFuture<?> f = executor.scheduleWithFixedDelay(task, initialDelayNanos, delayNanos,
            TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }

      @Override
      public void execute(Runnable task) {
        executor.execute(task);
      }

      @Override
      public void shutdown() {
        executor.shutdown();
        awaitTermination(executor);
      }
    };
  }
}
