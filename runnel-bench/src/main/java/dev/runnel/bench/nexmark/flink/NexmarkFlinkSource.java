package dev.runnel.bench.nexmark.flink;

import dev.runnel.bench.nexmark.RunProbe;
import dev.runnel.nexmark.generator.GeneratorConfig;
import dev.runnel.nexmark.generator.NexmarkGenerator;
import dev.runnel.nexmark.model.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Runnel's NEXMark generator as a Flink source (Flink's FLIP-27 {@link Source} API). At
 * parallelism {@code p} there are {@code p} splits and reader {@code i} gets split {@code i}: the
 * event numbers {@code i, i+p, i+2p, …} below the event count, exactly what Runnel's {@code
 * NexmarkSource} generates in its subtask {@code i}; so both engines see the same events, split the
 * same way, each subtask in the same order.
 *
 * <p>Records carry no timestamp here: the job's {@code WatermarkStrategy} (bounded
 * out-of-orderness of 4 s on {@link Event#dateTime()}) assigns them, as in Runnel.
 */
public final class NexmarkFlinkSource implements Source<Event, SequenceSplit, Integer> {
  private static final long serialVersionUID = 1L;

  private final GeneratorConfig config;
  private final double ratePerSecond;
  private final long maxWallNanos;

  /** A source of {@code config.eventCount()} events (bounded configs only). */
  public NexmarkFlinkSource(GeneratorConfig config) {
    this(config, 0, Long.MAX_VALUE);
  }

  /**
   * A source of {@code config.eventCount()} events limited to {@code ratePerSecond} of wall-clock
   * time for all readers together (each of {@code p} readers emits at most {@code rate / p} events
   * per second after its first event, as Runnel's {@code NexmarkSource} does; 0 for no limit),
   * whose readers end their input {@code maxWallNanos} after their first event at the latest.
   * When ahead of the rate, a reader parks for up to 1 ms inside {@code pollNext} and returns, so
   * the task's mailbox (timers, periodic watermarks) keeps running.
   */
  public NexmarkFlinkSource(GeneratorConfig config, double ratePerSecond, long maxWallNanos) {
    if (!config.isBounded()) {
      throw new IllegalArgumentException("the Flink NEXMark source needs a bounded event count");
    }
    if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be >= 0, was " + ratePerSecond);
    }
    this.config = config;
    this.ratePerSecond = ratePerSecond;
    this.maxWallNanos = maxWallNanos;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<Event, SequenceSplit> createReader(SourceReaderContext context) {
    return new Reader(config, ratePerSecond / context.currentParallelism() / 1e9, maxWallNanos);
  }

  @Override
  public SplitEnumerator<SequenceSplit, Integer> createEnumerator(
      SplitEnumeratorContext<SequenceSplit> context) {
    return new Enumerator(context);
  }

  @Override
  public SplitEnumerator<SequenceSplit, Integer> restoreEnumerator(
      SplitEnumeratorContext<SequenceSplit> context, Integer checkpoint) {
    return new Enumerator(context);
  }

  @Override
  public SimpleVersionedSerializer<SequenceSplit> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Integer> getEnumeratorCheckpointSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Integer value) {
        return new byte[0];
      }

      @Override
      public Integer deserialize(int version, byte[] bytes) {
        return 0;
      }
    };
  }

  /** Gives each reader the split of its own subtask index as it registers, then no more. */
  private static final class Enumerator implements SplitEnumerator<SequenceSplit, Integer> {
    private final SplitEnumeratorContext<SequenceSplit> context;

    Enumerator(SplitEnumeratorContext<SequenceSplit> context) {
      this.context = context;
    }

    @Override
    public void start() {}

    @Override
    public void addReader(int subtaskId) {
      context.assignSplit(new SequenceSplit(subtaskId, context.currentParallelism(), 0), subtaskId);
      context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<SequenceSplit> splits, int subtaskId) {
      // No checkpointing in the benchmark: a failed job fails the run.
    }

    @Override
    public Integer snapshotState(long checkpointId) {
      return 0;
    }

    @Override
    public void close() {}
  }

  /** Emits one event per {@link #pollNext} call, as Flink's own generator sources do. */
  private static final class Reader implements SourceReader<Event, SequenceSplit> {
    private final GeneratorConfig config;
    private final double ratePerNano;
    private final long maxWallNanos;
    private long startNanos;
    private long emitted;
    private long allowed;
    private final ArrayDeque<SequenceSplit> pending = new ArrayDeque<>();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private boolean noMoreSplits;
    private boolean started;

    private NexmarkGenerator generator;
    private SequenceSplit split;
    private long next;
    private long end;

    Reader(GeneratorConfig config, double ratePerNano, long maxWallNanos) {
      this.config = config;
      this.ratePerNano = ratePerNano;
      this.maxWallNanos = maxWallNanos;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<Event> output) {
      if (generator == null) {
        SequenceSplit s = pending.poll();
        if (s == null) {
          if (noMoreSplits) {
            return InputStatus.END_OF_INPUT;
          }
          if (available.isDone()) {
            available = new CompletableFuture<>();
          }
          return InputStatus.NOTHING_AVAILABLE;
        }
        open(s);
        if (next >= end) {
          generator = null;
          return InputStatus.MORE_AVAILABLE;
        }
      }
      if (!started) {
        started = true;
        startNanos = System.nanoTime();
        RunProbe.firstEvent();
      }
      if (ratePerNano > 0 || maxWallNanos != Long.MAX_VALUE) {
        if (emitted >= allowed) { // look at the clock only when the last allowance is used up
          long elapsed = System.nanoTime() - startNanos;
          if (elapsed >= maxWallNanos) {
            generator = null;
            pending.clear();
            noMoreSplits = true;
            return InputStatus.END_OF_INPUT;
          }
          // at most 1024 events between looks at the clock, so that a reader that falls behind
          // the rate (and so is always allowed more) still ends at its wall-clock limit
          allowed = Math.min(emitted + 1024,
              ratePerNano > 0 ? (long) (elapsed * ratePerNano) + 1 : Long.MAX_VALUE);
          if (emitted >= allowed) {
            long wait = (long) ((emitted + 1 - allowed) / ratePerNano);
            LockSupport.parkNanos(Math.min(wait, 1_000_000L));
            return InputStatus.MORE_AVAILABLE;
          }
        }
        emitted++;
      }
      output.collect(generator.eventAt(next));
      next += split.count();
      if (next >= end) {
        generator = null;
      }
      return InputStatus.MORE_AVAILABLE;
    }

    private void open(SequenceSplit s) {
      split = s;
      generator = new NexmarkGenerator(config);
      next = s.index() + s.emitted() * s.count();
      end = config.eventCount();
    }

    @Override
    public List<SequenceSplit> snapshotState(long checkpointId) {
      List<SequenceSplit> state = new ArrayList<>(pending);
      if (generator != null) {
        state.add(new SequenceSplit(split.index(), split.count(),
            (next - split.index()) / split.count()));
      }
      return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return available;
    }

    @Override
    public void addSplits(List<SequenceSplit> splits) {
      pending.addAll(splits);
      available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      available.complete(null);
    }

    @Override
    public void close() {}
  }

  private static final class SplitSerializer implements SimpleVersionedSerializer<SequenceSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(SequenceSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(split.index());
        out.writeInt(split.count());
        out.writeLong(split.emitted());
      }
      return bytes.toByteArray();
    }

    @Override
    public SequenceSplit deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new SequenceSplit(in.readInt(), in.readInt(), in.readLong());
      }
    }
  }
}
