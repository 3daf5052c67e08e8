package dev.runnel.runtime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.CollectSink;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.connector.file.FileSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over bounded input, with the watermark interval left unset, a windowed job with late data gives
 * the same output in every run at a given parallelism, whatever the rate and the thread timing:
 * four input files whose event times advance at different speeds are read in parallel, so the
 * window operators' input channels run apart in event time and only the event-time order of
 * channels keeps the lateness of each record the same from run to run.
 */
class DeterministicEventTimeTest {
  private static final long BOUND = 50;
  private static final long WINDOW = 500;
  private static final int FILES = 4;
  private static final int LINES = 600;

  @TempDir Path dir;
  private Path input;

  @BeforeEach
  void writeInput() throws IOException {
    input = Files.createDirectory(dir.resolve("in"));
    Random random = new Random(17);
    for (int f = 0; f < FILES; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < LINES; i++) {
        long ts = i * (8L + 5 * f) + random.nextInt(40);
        if (random.nextInt(25) == 0) {
          ts = Math.max(0, ts - 300 - random.nextInt(1500)); // late for some watermarks
        }
        lines.add("k" + random.nextInt(6) + "," + ts);
      }
      Files.write(input.resolve("part-" + f + ".txt"), lines);
    }
  }

  /** Output lines of the job, sorted, then "late:" lines, sorted. */
  private List<String> run(int parallelism, long rate, Path checkpoints) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    if (checkpoints != null) {
      env.enableCheckpointing(Duration.ofMillis(15)).setCheckpointDirectory(checkpoints);
    }
    FileSource.Builder<String> source = FileSource.textLines(input);
    if (rate > 0) {
      source.withRate(rate);
    }
    WatermarkStrategy<String> strategy = WatermarkStrategy
        .<String>forBoundedOutOfOrderness(Duration.ofMillis(BOUND))
        .withTimestampAssigner((line, ts) -> Long.parseLong(line.substring(line.indexOf(',') + 1)));
    OutputTag<String> late = new OutputTag<>("late");
    DataStream<String> windows = env.fromSource(source.build(), strategy, "lines")
        .keyBy(line -> line.substring(0, line.indexOf(',')))
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW)))
        .sideOutputLateData(late)
        .aggregate(new Count(), new Label());
    // A second event-time stage, fed by every window subtask: its channels are ordered too.
    DataStream<String> perWindow = windows
        .keyBy(label -> label.substring(label.indexOf('@'), label.indexOf('=')))
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW)))
        .aggregate(new Count(), new Label());
    CollectSink<String> out = new CollectSink<>();
    CollectSink<String> secondOut = new CollectSink<>();
    CollectSink<String> lateOut = new CollectSink<>();
    windows.sinkTo(out).setParallelism(1);
    perWindow.sinkTo(secondOut).setParallelism(1);
    windows.getSideOutput(late).sinkTo(lateOut).setParallelism(1);
    env.execute("deterministic");
    List<String> lines = new ArrayList<>(out.records());
    lines.addAll(secondOut.records());
    Collections.sort(lines);
    List<String> lateLines = new ArrayList<>(lateOut.records());
    Collections.sort(lateLines);
    lateLines.forEach(l -> lines.add("late:" + l));
    return lines;
  }

  @Test
  void when_sameInputRunsTwentyTimesAtOneTwoAndFour_then_outputIsTheSameEachTime() {
    for (int parallelism : new int[] {1, 2, 4}) {
      List<String> first = run(parallelism, 0, null);
      assertThat(first).as("late records at p=%d", parallelism).anyMatch(l -> l.startsWith("late:"));
      for (int i = 1; i < 20; i++) {
        long rate = i % 4 == 0 ? 6_000 : i % 2 == 0 ? 40_000 : 0;
        assertThat(run(parallelism, rate, null))
            .as("run %d at parallelism %d, rate %d", i, parallelism, rate)
            .isEqualTo(first);
      }
    }
  }

  @Test
  void when_oneReader_then_outputIsThatOfWatermarksAfterEveryRecordInFileOrder()
      throws IOException {
    List<String> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(input).sorted()) {
      for (Path f : files.toList()) {
        records.addAll(Files.readAllLines(f));
      }
    }
    assertThat(run(1, 0, null)).isEqualTo(model(records));
  }

  @Test
  void when_checkpointsAreTakenWhileReadersRunApart_then_outputIsUnchangedAndCheckpointsComplete()
      throws IOException {
    // Barriers are placed in event time and the channels are held in event-time order at once:
    // neither may change a result, and they must never wait on each other (this hung before).
    List<String> expected = run(4, 0, null);
    Path checkpoints = Files.createDirectory(dir.resolve("chk"));

    for (int i = 0; i < 4; i++) {
      Path c = Files.createDirectory(dir.resolve("run-" + i));
      assertThat(run(4, i % 2 == 0 ? 6_000 : 30_000, c)).as("run %d", i).isEqualTo(expected);
    }
    assertThat(run(4, 6_000, checkpoints)).isEqualTo(expected);
    try (Stream<Path> jobs = Files.list(checkpoints.resolve("deterministic"))) {
      assertThat(jobs.filter(p -> p.getFileName().toString().startsWith("chk-")))
          .as("completed checkpoints").isNotEmpty();
    }
  }

  /** The job over one sequence of records with a watermark after each: a plain model. */
  private static List<String> model(List<String> records) {
    Map<String, Long> open = new HashMap<>(); // "key@start" -> count
    List<String> out = new ArrayList<>();
    List<String> late = new ArrayList<>();
    long watermark = Long.MIN_VALUE;
    long maxTs = Long.MIN_VALUE;
    for (String r : records) {
      String key = r.substring(0, r.indexOf(','));
      long ts = Long.parseLong(r.substring(r.indexOf(',') + 1));
      long start = ts - ts % WINDOW;
      if (watermark != Long.MIN_VALUE && start + WINDOW - 1 <= watermark) {
        late.add(r);
      } else {
        open.merge(key + "@" + start, 1L, Long::sum);
      }
      maxTs = Math.max(maxTs, ts);
      long next = maxTs - BOUND - 1;
      if (next > watermark) {
        watermark = next;
      }
    }
    Map<String, Long> perWindow = new HashMap<>();
    open.forEach((k, count) -> {
      out.add(k + "=" + count);
      String window = k.substring(k.indexOf('@'));
      perWindow.merge(window + window, 1L, Long::sum);
    });
    perWindow.forEach((k, count) -> out.add(k + "=" + count));
    Collections.sort(out);
    Collections.sort(late);
    late.forEach(l -> out.add("late:" + l));
    return out;
  }

  /** Counts elements. */
  static final class Count implements AggregateFunction<String, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] add(String value, long[] acc) {
      acc[0]++;
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      return a;
    }
  }

  /** "key@windowStart=count". */
  static final class Label extends ProcessWindowFunction<Long, String, String, TimeWindow> {
    @Override
    public void process(String key, Context<TimeWindow> ctx, Iterable<Long> counts,
        Collector<String> out) {
      out.collect(key + "@" + ctx.window().start() + "=" + counts.iterator().next());
    }
  }
}
