package dev.runnel.runtime.time;

import dev.runnel.runtime.operators.OperatorContext;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * The processing-time clock of one subtask, and the callbacks scheduled on it. Its thread (the
 * subtask's tasklet) calls {@link #fireDue()} between units of work; nothing here runs on a
 * thread of its own, so callbacks never race the operators they belong to.
 *
 * <p>The clock is a {@link LongSupplier} of epoch milliseconds: the system clock in a job, a
 * clock the test moves in a harness.
 */
public final class ProcessingTimeService {
  /** Work to run when the clock reaches a time. */
  @FunctionalInterface
  public interface Callback {
    void onProcessingTime(long time) throws Exception;
  }

  private record Scheduled(long time, long sequence, Callback callback, OperatorContext owner)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private final LongSupplier clock;
  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
  private long sequence;

  public ProcessingTimeService(LongSupplier clock) {
    this.clock = clock;
  }

  /** The system clock. */
  public static ProcessingTimeService system() {
    return new ProcessingTimeService(System::currentTimeMillis);
  }

  public long now() {
    return clock.getAsLong();
  }

  /**
   * Runs {@code callback} once the clock reaches {@code time}. A failure in it is pinned on
   * {@code owner}.
   */
  public void schedule(long time, Callback callback, OperatorContext owner) {
    queue.add(new Scheduled(time, sequence++, callback, owner));
  }

  /** The earliest scheduled time, or {@code Long.MAX_VALUE} if nothing is scheduled. */
  public long nextTime() {
    Scheduled next = queue.peek();
    return next == null ? Long.MAX_VALUE : next.time();
  }

  /**
   * Runs every callback whose time has come, in time order (callbacks may schedule more).
   *
   * @return whether any ran
   */
  public boolean fireDue() {
    if (queue.isEmpty()) {
      return false;
    }
    long now = clock.getAsLong();
    boolean fired = false;
    while (!queue.isEmpty() && queue.peek().time() <= now) {
      Scheduled s = queue.poll();
      fired = true;
      try {
        s.callback().onProcessingTime(s.time());
      } catch (Exception e) {
        throw s.owner().failureOf(e);
      }
    }
    return fired;
  }
}
