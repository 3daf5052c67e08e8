package dev.runnel.nexmark.generator;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.nexmark.model.Event;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The NEXMark event sequence of a {@link GeneratorConfig} as a parallel, checkpointable source.
 *
 * <p><b>Splitting.</b> With parallelism {@code p}, subtask {@code s} generates the event numbers
 * {@code s, s+p, s+2p, …} below the event count ({@link #ownedBy}). Interleaving (rather than
 * contiguous ranges) keeps every subtask's events in ascending event time and all subtasks at about
 * the same event time, so the bounded-out-of-orderness watermarks of the subtasks advance together
 * and no event is ever late. Every event is emitted with its {@code dateTime} as timestamp.
 *
 * <p><b>Checkpoints.</b> A subtask's sequence is one {@link Split}: its next event number and its
 * step. A restored reader continues each split it is given from its next number (several splits
 * merged in ascending order), so restoring at another parallelism generates every event still due
 * exactly once, as {@code GeneratorSource} does.
 *
 * <p><b>Rate.</b> Optionally limited to a wall-clock rate for the whole source (each of {@code p}
 * readers emits at most {@code rate / p} events per second); without a limit it generates as fast
 * as it can.
 */
public final class NexmarkSource implements Source<Event> {
  /** The standard NEXMark watermark bound: 4 seconds of out-of-orderness. */
  public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(4);

  private static final int BATCH = 1024;

  private final GeneratorConfig config;
  private final double ratePerSecond;

  public NexmarkSource(GeneratorConfig config) {
    this(config, 0);
  }

  /** @param ratePerSecond wall-clock limit for all subtasks together; 0 for none */
  public NexmarkSource(GeneratorConfig config, double ratePerSecond) {
    this.config = Objects.requireNonNull(config, "config");
    if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be >= 0, was " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
  }

  public GeneratorConfig config() {
    return config;
  }

  /**
   * The watermark strategy of every NEXMark job: bounded out-of-orderness of {@link
   * #OUT_OF_ORDERNESS} on the event's {@code dateTime}.
   */
  public static WatermarkStrategy<Event> watermarks() {
    return WatermarkStrategy.<Event>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
        .withTimestampAssigner((event, timestamp) -> event.dateTime());
  }

  /** The event stream of {@code config}, with {@link #watermarks()} applied in the source. */
  public static DataStream<Event> events(StreamEnvironment env, GeneratorConfig config) {
    return env.fromSource(new NexmarkSource(config), watermarks(), "Nexmark");
  }

  /** Like {@link #events(StreamEnvironment, GeneratorConfig)}, limited to a wall-clock rate. */
  public static DataStream<Event> events(StreamEnvironment env, GeneratorConfig config,
      double ratePerSecond) {
    return env.fromSource(new NexmarkSource(config, ratePerSecond), watermarks(), "Nexmark");
  }

  /** The subtask (of {@code parallelism}) that generates event {@code eventNumber}. */
  public static int ownedBy(long eventNumber, int parallelism) {
    return (int) (eventNumber % parallelism);
  }

  @Override
  public Boundedness boundedness() {
    return config.isBounded() ? Boundedness.BOUNDED : Boundedness.UNBOUNDED;
  }

  @Override
  public SourceReader<Event> createReader(SourceReaderContext context) {
    int p = context.parallelism();
    return new Reader(List.of(new Split(context.subtaskIndex(), p)), p);
  }

  @Override
  public boolean supportsCheckpoints() {
    return true;
  }

  @Override
  public SourceReader<Event> restoreReader(SourceReaderContext context, List<Object> states) {
    List<Split> splits = new ArrayList<>(states.size());
    for (Object state : states) {
      if (!(state instanceof Split split)) {
        throw new IllegalArgumentException("not a split of a NexmarkSource: " + state);
      }
      splits.add(split);
    }
    return new Reader(splits, context.parallelism());
  }

  /**
   * One split: the event numbers {@code next, next+step, …} below the event count.
   *
   * @param next the next event number the split generates
   * @param step the distance between its event numbers
   */
  public record Split(long next, long step) implements Serializable {
    public Split {
      if (next < 0 || step < 1) {
        throw new IllegalArgumentException("invalid split: next " + next + ", step " + step);
      }
    }
  }

  private final class Reader implements SourceReader<Event> {
    private final long[] next;
    private final long[] step;
    private final double ratePerNano;
    private final long count;
    private NexmarkGenerator generator;
    private long emitted;
    private long startNanos;

    Reader(List<Split> splits, int parallelism) {
      next = new long[splits.size()];
      step = new long[splits.size()];
      for (int i = 0; i < next.length; i++) {
        next[i] = splits.get(i).next();
        step[i] = splits.get(i).step();
      }
      ratePerNano = ratePerSecond / parallelism / 1e9;
      count = config.isBounded() ? config.eventCount() : Long.MAX_VALUE;
    }

    @Override
    public void open() {
      generator = new NexmarkGenerator(config);
      startNanos = System.nanoTime();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Event> output) {
      long budget = BATCH;
      if (ratePerSecond > 0) {
        long allowed = (long) ((System.nanoTime() - startNanos) * ratePerNano) + 1;
        budget = Math.min(budget, allowed - emitted);
        if (budget <= 0) {
          return nextSplit() < 0 ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
      }
      if (next.length == 1) {
        long n = next[0];
        long s = step[0];
        long end = n + budget * s;
        if (end < 0 || end > count) {
          end = count;
        }
        long produced = 0;
        for (; n < end; n += s) {
          Event event = generator.eventAt(n);
          output.collect(event, event.dateTime());
          produced++;
        }
        next[0] = n;
        emitted += produced;
        return n >= count ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
      }
      for (long b = 0; b < budget; b++) {
        int split = nextSplit();
        if (split < 0) {
          break;
        }
        Event event = generator.eventAt(next[split]);
        output.collect(event, event.dateTime());
        next[split] += step[split];
        emitted++;
      }
      return nextSplit() < 0 ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<Split> snapshotState(long checkpointId) {
      List<Split> splits = new ArrayList<>(next.length);
      for (int i = 0; i < next.length; i++) {
        splits.add(new Split(next[i], step[i]));
      }
      return splits;
    }

    private int nextSplit() {
      int best = -1;
      for (int i = 0; i < next.length; i++) {
        if (next[i] < count && (best < 0 || next[i] < next[best])) {
          best = i;
        }
      }
      return best;
    }
  }
}
