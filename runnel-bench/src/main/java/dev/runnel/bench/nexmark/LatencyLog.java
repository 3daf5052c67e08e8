package dev.runnel.bench.nexmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bookkeeping of the latency mode, shared by both engines in this JVM (the jobs run in this
 * process, so their source and sink subtasks write here directly).
 *
 * <p><b>Watermarks.</b> Every source subtask's watermark generator gets a {@link Channel} and
 * records each watermark it emits with the {@link System#nanoTime()} of the emission. The
 * watermark of the whole stream is the minimum over the source subtasks, so it passes a time
 * {@code t} at the <em>latest</em> of the moments each subtask's own watermark reached {@code t}:
 * {@link #passedAt}.
 *
 * <p><b>Results.</b> The sink records, per window result, its window end and the nanoTime it
 * arrived. A window {@code [start, end)} can fire once the watermark reaches {@code end - 1}; the
 * result's latency is its arrival minus {@code passedAt(end - 1)}.
 *
 * <p>Call {@link #reset()} before each run. Channels are appended to by one thread each (every
 * 200 ms); everything is synchronized, which costs nothing at that rate.
 */
public final class LatencyLog {
  private static final List<Channel> CHANNELS = new ArrayList<>();
  private static long[] resultEnds = new long[1024];
  private static long[] resultNanos = new long[1024];
  private static int results;

  private LatencyLog() {}

  /** Forgets every channel and result. */
  public static synchronized void reset() {
    CHANNELS.clear();
    results = 0;
  }

  /** A new channel, for one source subtask's watermark generator. */
  public static synchronized Channel newChannel() {
    Channel c = new Channel();
    CHANNELS.add(c);
    return c;
  }

  /** Records one window result, which ends at {@code windowEnd}, arriving at {@code nanos}. */
  public static synchronized void result(long windowEnd, long nanos) {
    if (results == resultEnds.length) {
      resultEnds = Arrays.copyOf(resultEnds, results * 2);
      resultNanos = Arrays.copyOf(resultNanos, results * 2);
    }
    resultEnds[results] = windowEnd;
    resultNanos[results] = nanos;
    results++;
  }

  /** How many channels were created (watermark generators), with or without watermarks. */
  public static synchronized int created() {
    return CHANNELS.size();
  }

  /** Channels that recorded at least one watermark. */
  public static synchronized List<Channel> channels() {
    List<Channel> used = new ArrayList<>();
    for (Channel c : CHANNELS) {
      if (c.size() > 0) {
        used.add(c);
      }
    }
    return used;
  }

  /** The recorded results: {@code [0]} window ends, {@code [1]} arrival nanos. */
  public static synchronized long[][] results() {
    return new long[][] {Arrays.copyOf(resultEnds, results), Arrays.copyOf(resultNanos, results)};
  }

  /**
   * The nanoTime at which the watermark of all {@code channels} together (their minimum) first
   * reached {@code time}: the latest of the moments each channel first reached it; -1 if some
   * channel never did (or there are no channels).
   */
  public static long passedAt(List<Channel> channels, long time) {
    if (channels.isEmpty()) {
      return -1;
    }
    long latest = Long.MIN_VALUE;
    for (Channel c : channels) {
      long at = c.reachedAt(time);
      if (at < 0) {
        return -1;
      }
      latest = Math.max(latest, at);
    }
    return latest;
  }

  /** The watermarks one source subtask emitted, ascending, with when it emitted them. */
  public static final class Channel {
    private long[] watermarks = new long[256];
    private long[] nanos = new long[256];
    private int size;

    /**
     * Records that the subtask emitted {@code watermark} at {@code nanoTime}; watermarks that do
     * not advance are ignored (as the engines ignore them), and so is {@code Long.MIN_VALUE}, the
     * "no watermark yet" of a generator that has seen no event.
     */
    public synchronized void record(long watermark, long nanoTime) {
      if (watermark == Long.MIN_VALUE || size > 0 && watermark <= watermarks[size - 1]) {
        return;
      }
      if (size == watermarks.length) {
        watermarks = Arrays.copyOf(watermarks, size * 2);
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      watermarks[size] = watermark;
      nanos[size] = nanoTime;
      size++;
    }

    /** The last (largest) recorded watermark; {@code Long.MIN_VALUE} if none. */
    public synchronized long last() {
      return size == 0 ? Long.MIN_VALUE : watermarks[size - 1];
    }

    public synchronized int size() {
      return size;
    }

    /** The nanoTime of the first recorded watermark {@code >= time}; -1 if none reached it. */
    public synchronized long reachedAt(long time) {
      int i = Arrays.binarySearch(watermarks, 0, size, time);
      if (i < 0) {
        i = -i - 1; // the first watermark above time
      }
      return i < size ? nanos[i] : -1;
    }
  }
}
