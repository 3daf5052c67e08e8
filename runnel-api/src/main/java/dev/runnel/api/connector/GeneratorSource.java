package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A source that computes its records from a sequence number: record {@code i} is {@code
 * generator.apply(i)}. Bounded ({@link Builder#count}) or unbounded, optionally rate-limited.
 * With parallelism {@code p}, subtask {@code s} generates the numbers {@code s, s+p, s+2p, …}, so
 * every number is generated exactly once.
 *
 * <pre>{@code
 * Source<Order> orders = GeneratorSource.of(i -> randomOrder(i))
 *     .unbounded()
 *     .ratePerSecond(1_000)
 *     .build();
 * }</pre>
 *
 * <p><b>Checkpoints.</b> The sequence of subtask {@code s} of {@code p} is one split, whose state
 * is a {@link Split}: the next number it generates and its step {@code p}. A split is finished when
 * its next number is at or past the count (never, when unbounded); finished splits are kept in the
 * state. A restored reader continues each split it is given from its next number, with the split's
 * own step; so restoring at another parallelism generates every number still due exactly once. A
 * reader given several splits generates their numbers merged in ascending order; a reader given
 * none ends at once, even when the source is unbounded. Rescaling does not divide splits: restoring
 * at a parallelism above the number of splits leaves the extra readers without any (they end at
 * once). A job restored from a checkpoint must use the same generator and count.
 *
 * <p><b>Rate.</b> The rate limit is for the whole source: each of {@code p} readers generates at
 * most {@code rate / p} records per second (after a restore, {@code p} is the new parallelism),
 * measured from when it was opened. A reader waiting for its budget returns {@link
 * InputStatus#NOTHING_AVAILABLE} rather than blocking.
 *
 * <p>The generator function is shared by all subtasks and must be thread-safe (a pure function of
 * {@code i} is).
 *
 * @param <T> record type
 */
@Public
public final class GeneratorSource<T> implements Source<T> {
  private static final int BATCH = 1024;

  private final LongFunction<T> generator;
  private final long count;
  private final double ratePerSecond;

  private GeneratorSource(Builder<T> builder) {
    this.generator = builder.generator;
    this.count = builder.count;
    this.ratePerSecond = builder.ratePerSecond;
  }

  /** Starts building a source whose record {@code i} is {@code generator.apply(i)}. */
  public static <T> Builder<T> of(LongFunction<T> generator) {
    return new Builder<>(generator);
  }

  /** The bounded sequence {@code from, from+1, …, to} (inclusive). */
  public static GeneratorSource<Long> sequence(long from, long to) {
    if (to < from) {
      throw new IllegalArgumentException("sequence end " + to + " is before its start " + from);
    }
    return GeneratorSource.<Long>of(i -> from + i).count(to - from + 1).build();
  }

  @Override
  public Boundedness boundedness() {
    return count < 0 ? Boundedness.UNBOUNDED : Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<T> createReader(SourceReaderContext context) {
    int parallelism = context.parallelism();
    return new Reader(List.of(new Split(context.subtaskIndex(), parallelism)), parallelism);
  }

  @Override
  public boolean supportsCheckpoints() {
    return true;
  }

  /** A reader that continues the {@link Split}s in {@code splitStates}, and nothing else. */
  @Override
  public SourceReader<T> restoreReader(SourceReaderContext context, List<Object> splitStates) {
    List<Split> splits = new ArrayList<>(splitStates.size());
    for (Object state : splitStates) {
      if (!(state instanceof Split split)) {
        throw new IllegalArgumentException("not a split state of a GeneratorSource: "
            + (state == null ? "null" : state.getClass().getName() + " " + state));
      }
      splits.add(split);
    }
    return new Reader(splits, context.parallelism());
  }

  /**
   * The state of one split of a generator source: the numbers {@code next, next+step,
   * next+2*step, …} below the count. Finished when {@code next} is at or past the count.
   *
   * @param next the next number the split generates
   * @param step the distance between its numbers: the parallelism the split was made for
   */
  public record Split(long next, long step) implements Serializable {
    public Split {
      if (next < 0 || step < 1) {
        throw new IllegalArgumentException("invalid generator split: next " + next
            + ", step " + step);
      }
    }
  }

  private final class Reader implements SourceReader<T> {
    /** Next number of each split; the splits are never reordered, so states keep their order. */
    private final long[] next;
    private final long[] step;
    private final double subtaskRatePerNano;
    private long emitted;
    private long startNanos;

    Reader(List<Split> splits, int parallelism) {
      this.next = new long[splits.size()];
      this.step = new long[splits.size()];
      for (int i = 0; i < next.length; i++) {
        next[i] = splits.get(i).next();
        step[i] = splits.get(i).step();
      }
      this.subtaskRatePerNano = ratePerSecond / parallelism / 1e9;
    }

    @Override
    public void open() {
      startNanos = System.nanoTime();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
      long budget = BATCH;
      if (ratePerSecond > 0) {
        long allowed = (long) ((System.nanoTime() - startNanos) * subtaskRatePerNano) + 1;
        budget = Math.min(budget, allowed - emitted);
        if (budget <= 0) {
          return exhausted() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
      }
      for (long n = 0; n < budget; n++) {
        int split = nextSplit();
        if (split < 0) {
          break;
        }
        output.collect(generator.apply(next[split]));
        next[split] += step[split];
        emitted++;
      }
      return exhausted() ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<Split> snapshotState(long checkpointId) {
      List<Split> splits = new ArrayList<>(next.length);
      for (int i = 0; i < next.length; i++) {
        splits.add(new Split(next[i], step[i]));
      }
      return splits;
    }

    /** The unfinished split with the smallest next number, or -1 if all are finished. */
    private int nextSplit() {
      int best = -1;
      for (int i = 0; i < next.length; i++) {
        if (!finished(i) && (best < 0 || next[i] < next[best])) {
          best = i;
        }
      }
      return best;
    }

    private boolean finished(int split) {
      return count >= 0 && next[split] >= count;
    }

    private boolean exhausted() {
      return nextSplit() < 0;
    }
  }

  /** Builds a {@link GeneratorSource}. Bounded to {@code count} records unless made unbounded. */
  @Public
  public static final class Builder<T> {
    private final LongFunction<T> generator;
    private long count = -1;
    private double ratePerSecond;

    private Builder(LongFunction<T> generator) {
      this.generator = Objects.requireNonNull(generator, "generator");
    }

    /** Generates exactly {@code count} records, numbered {@code 0 … count-1}. */
    public Builder<T> count(long count) {
      if (count < 0) {
        throw new IllegalArgumentException("record count must be >= 0, was " + count);
      }
      this.count = count;
      return this;
    }

    /** Generates records until the job is cancelled. */
    public Builder<T> unbounded() {
      this.count = -1;
      return this;
    }

    /** Limits the whole source (all subtasks together) to this many records per second. */
    public Builder<T> ratePerSecond(double ratePerSecond) {
      if (!(ratePerSecond > 0)) {
        throw new IllegalArgumentException("rate must be > 0, was " + ratePerSecond);
      }
      this.ratePerSecond = ratePerSecond;
      return this;
    }

    public GeneratorSource<T> build() {
      return new GeneratorSource<>(this);
    }
  }
}
