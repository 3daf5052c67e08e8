package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
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
    return new Reader(context.subtaskIndex(), context.parallelism());
  }

  private final class Reader implements SourceReader<T> {
    private final int step;
    private final double subtaskRatePerNano;
    private long next;
    private long emitted;
    private long startNanos;

    Reader(int subtask, int parallelism) {
      this.next = subtask;
      this.step = parallelism;
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
      for (long n = 0; n < budget && !exhausted(); n++) {
        output.collect(generator.apply(next));
        next += step;
        emitted++;
      }
      return exhausted() ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
    }

    private boolean exhausted() {
      return count >= 0 && next >= count;
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
