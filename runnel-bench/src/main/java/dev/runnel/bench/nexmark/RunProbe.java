package dev.runnel.bench.nexmark;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Time marks of the run in progress, set by the sources and sinks of either engine (both run in
 * this JVM, one job at a time): when the first source subtask emitted its first event, and when
 * the last sink subtask saw the end of its input. {@link #reset()} before each run.
 *
 * <p>Throughput is events / (sink end − first event): the time both engines spend processing,
 * without job deployment before it or teardown after it. Start-up is submit → first event.
 */
public final class RunProbe {
  private static final AtomicLong firstEventNanos = new AtomicLong(Long.MAX_VALUE);
  private static final AtomicLong sinkEndNanos = new AtomicLong(Long.MIN_VALUE);

  private RunProbe() {}

  public static void reset() {
    firstEventNanos.set(Long.MAX_VALUE);
    sinkEndNanos.set(Long.MIN_VALUE);
  }

  /** A source subtask is about to emit its first event. */
  public static void firstEvent() {
    long now = System.nanoTime();
    firstEventNanos.accumulateAndGet(now, Math::min);
  }

  /** A sink subtask has seen the end of its input. */
  public static void sinkEnd() {
    long now = System.nanoTime();
    sinkEndNanos.accumulateAndGet(now, Math::max);
  }

  /** {@link System#nanoTime()} of the first event, or {@link Long#MAX_VALUE} if none yet. */
  public static long firstEventNanos() {
    return firstEventNanos.get();
  }

  /** {@link System#nanoTime()} of the last sink's end, or {@link Long#MIN_VALUE} if none yet. */
  public static long sinkEndNanos() {
    return sinkEndNanos.get();
  }
}
