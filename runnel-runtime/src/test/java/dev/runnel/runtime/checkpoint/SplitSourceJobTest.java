package dev.runnel.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.JobStatus;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.SinkWriter;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that emit per split ({@code ReaderOutput.createOutputForSplit}), through whole jobs:
 * per-split watermarks in the event-time-ordered mode of bounded jobs, with and without
 * checkpoints; {@code notifyCheckpointComplete} on the reader's thread; and every old subtask's
 * split states on a restore at another parallelism.
 */
class SplitSourceJobTest {
  @TempDir
  Path dir;

  /** One record of split {@code split} at event time {@code time}. */
  record Event(int split, long time) implements Serializable {}

  /** Where a split is: the index of its next record. */
  record SplitPosition(int split, long next) implements Serializable {}

  /** What readers saw, by test run name. */
  static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

  /**
   * Split {@code i} holds {@code count} records at times {@code j * (i + 1) * 10} ms: split 0 is
   * slow in event time, the last split fast. A reader emits one record of each of its splits in
   * turn, so the fast splits run far ahead of the slow one in event time, and releases a split
   * when it is read to its end.
   */
  static final class SkewedSplitSource implements Source<Event> {
    private static final long serialVersionUID = 1L;
    private final String run;
    private final int splits;
    private final long count;
    private final boolean perSplit;

    SkewedSplitSource(String run, int splits, long count, boolean perSplit) {
      this.run = run;
      this.splits = splits;
      this.count = count;
      this.perSplit = perSplit;
    }

    @Override
    public Boundedness boundedness() {
      return Boundedness.BOUNDED;
    }

    @Override
    public boolean supportsCheckpoints() {
      return true;
    }

    @Override
    public SourceReader<Event> createReader(SourceReaderContext context) {
      List<Object> mine = new ArrayList<>();
      for (int s = context.subtaskIndex(); s < splits; s += context.parallelism()) {
        mine.add(new SplitPosition(s, 0));
      }
      return restoreReader(context, mine);
    }

    @Override
    public SourceReader<Event> restoreReader(SourceReaderContext context, List<Object> states) {
      List<SplitPosition> own = new ArrayList<>();
      states.forEach(s -> own.add((SplitPosition) s));
      SEEN.computeIfAbsent(run, r -> new ArrayList<>()).add("restored " + context.subtaskIndex()
          + " of " + context.allRestoredSplitStates().size());
      return new SourceReader<>() {
        private Thread pollThread;

        @Override
        public InputStatus pollNext(ReaderOutput<Event> output) {
          pollThread = Thread.currentThread();
          boolean any = false;
          for (int i = 0; i < own.size(); i++) {
            SplitPosition p = own.get(i);
            if (p.next() >= count) {
              continue;
            }
            any = true;
            Event e = new Event(p.split(), p.next() * (p.split() + 1) * 10);
            if (perSplit) {
              output.createOutputForSplit("s" + p.split()).collect(e, e.time());
            } else {
              output.collect(e, e.time());
            }
            own.set(i, new SplitPosition(p.split(), p.next() + 1));
            if (p.next() + 1 == count) {
              output.releaseOutputForSplit("s" + p.split());
            }
          }
          return any ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
        }

        @Override
        public List<?> snapshotState(long checkpointId) {
          return new ArrayList<>(own);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
          SEEN.computeIfAbsent(run, r -> new ArrayList<>()).add(
              Thread.currentThread() == pollThread ? "notified on reader thread"
                  : "notified on " + Thread.currentThread().getName());
        }
      };
    }
  }

  /** Says of each event whether it came at or before the watermark (late) or after it. */
  static final class LateCheck extends KeyedProcessFunction<Integer, Event, String> {
    @Override
    public void processElement(Event e, Context<Integer> ctx, Collector<String> out) {
      out.collect((e.time() <= ctx.timerService().currentWatermark() ? "late " : "on time ")
          + e.split());
    }
  }

  /** What the sink of each run was given. */
  static final Map<String, Queue<String>> WRITTEN = new ConcurrentHashMap<>();

  /**
   * Runs the job; returns what its sink was given. The sink writes at once (no two-phase
   * commit): without a restore that is every record exactly once, and it keeps these tests
   * about the source alone.
   */
  private List<String> run(StreamEnvironment env, SkewedSplitSource source) {
    WatermarkStrategy<Event> strategy = WatermarkStrategy.forMonotonousTimestamps();
    Queue<String> written = new ConcurrentLinkedQueue<>();
    WRITTEN.put(source.run, written);
    String run = source.run;
    env.fromSource(source, strategy, "skewed").uid("skewed")
        .keyBy(Event::split).process(new LateCheck()).uid("check")
        .sinkTo(context -> (SinkWriter<String>) s -> WRITTEN.get(run).add(s)).uid("sink");
    assertThat(env.execute("skewed").status()).isEqualTo(JobStatus.FINISHED);
    return new ArrayList<>(written);
  }

  @Test
  void when_readerEmitsPerSplit_then_aFastSplitDoesNotMakeTheSlowOneLate() {
    List<String> out = run(StreamEnvironment.create().setParallelism(2),
        new SkewedSplitSource("per-split", 4, 500, true));
    assertThat(out).hasSize(2000).allMatch(s -> s.startsWith("on time"));
  }

  @Test
  void when_readerEmitsWithoutSplits_then_theSlowSplitTurnsLate() {
    // The contrast that shows the test above can fail: one generator for all splits.
    List<String> out = run(StreamEnvironment.create().setParallelism(2),
        new SkewedSplitSource("one-generator", 4, 500, false));
    assertThat(out).hasSize(2000).anyMatch(s -> s.startsWith("late"));
  }

  @Test
  void when_checkpointsHoldRecordsOfSplits_then_noneTurnsLateAndEachCheckpointIsNotified() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.enableCheckpointing(Duration.ofMillis(5)).setCheckpointDirectory(dir);
    List<String> out = run(env, new SkewedSplitSource("checkpointed", 4, 20_000, true));

    assertThat(out).hasSize(80_000).allMatch(s -> s.startsWith("on time"));
    assertThat(SEEN.get("checkpointed")).isNotNull()
        .filteredOn(s -> s.startsWith("notified")).isNotEmpty()
        .allMatch(s -> s.equals("notified on reader thread"));
  }

  @Test
  void when_restoredAtAnotherParallelism_then_everyReaderSeesEveryOldSplitState()
      throws Exception {
    StreamEnvironment first = StreamEnvironment.create().setParallelism(2);
    first.enableCheckpointing(Duration.ofMillis(10)).setCheckpointDirectory(dir);
    run(first, new SkewedSplitSource("before-restore", 5, 100, true));
    assertThat(SEEN.get("before-restore")).filteredOn(s -> s.startsWith("restored"))
        .as("a fresh reader has no restored states")
        .containsOnly("restored 0 of 0", "restored 1 of 0");

    StreamEnvironment again = StreamEnvironment.create().setParallelism(3);
    again.enableCheckpointing(Duration.ofMillis(10)).setCheckpointDirectory(dir);
    again.restoreFrom(RestoreFrom.latest());
    run(again, new SkewedSplitSource("after-restore", 5, 100, true));
    assertThat(Set.copyOf(SEEN.get("after-restore")))
        .contains("restored 0 of 5", "restored 1 of 5", "restored 2 of 5");
  }
}
