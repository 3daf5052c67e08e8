package dev.runnel.examples.words;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessAllWindowFunction;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.examples.EventTimeJobIo;
import dev.runnel.examples.EventTimestamps;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import java.time.Duration;
import java.util.List;

/**
 * {@code word-count}: event-time tumbling windows ({@code --window}, 15 s by default) over all
 * words ({@link WordEvent}) together, one {@link WindowTopWords} per window when the watermark
 * passes its end: how many words the window had and its {@value #TOP} most frequent ones. Words
 * are counted incrementally, one counter per distinct word. Words too late for their window go to
 * {@code --late-output}.
 */
public final class WordCountJob implements PackagedJob {
  /**
   * The key of every record this job writes to a topic: the windows are global (not keyed), and
   * one key keeps them in order, in one partition.
   */
  private static final String ALL = "all";

  public static final String NAME = "word-count";
  public static final String WINDOW = "--window";

  /** How many words each window lists. */
  public static final int TOP = 5;

  /** Name and uid of the window step. */
  public static final String WINDOW_STEP = "word-counts";

  static final OutputTag<WordEvent> LATE = new OutputTag<>("late-words");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Words per event-time window over all words, with the " + TOP + " most frequent";
  }

  @Override
  public List<JobOption> options() {
    return EventTimeJobIo.withCommonOptions(
        List.of(
            JobOption.withDefault(WINDOW, "15s", "the size of the tumbling windows"),
            EventTimeJobIo.outOfOrderness("5s")),
        "write words too late for their window here, unchanged (JSON lines)");
  }

  @Override
  public List<JobField> inputFields() {
    return WordEvent.FIELDS;
  }

  @Override
  public List<JobField> outputFields() {
    return List.of(
        JobField.required("window_start", Type.TIMESTAMP, "the window's start, included"),
        JobField.required("window_end", Type.TIMESTAMP, "the window's end, excluded"),
        JobField.required("total_events", Type.WHOLE_NUMBER, "words in the window"),
        JobField.required("top_words", Type.LIST,
            "up to five {word, count}, most frequent first"));
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    DataStream<WordEvent> words = EventTimeJobIo.input(env, args, WordEvent.class,
        args.getDuration(EventTimeJobIo.OUT_OF_ORDERNESS));
    DataStream<WindowTopWords> results = topWords(words, args.getPositiveDuration(WINDOW));
    EventTimeJobIo.output(results, args, window -> ALL);
    EventTimeJobIo.lateOutput(results.getSideOutput(LATE), args, event -> ALL);
  }

  /**
   * The pipeline alone; late words are on the side output {@link #LATE} of the result. The window
   * step is global (not keyed), so it runs as one subtask.
   */
  public static DataStream<WindowTopWords> topWords(DataStream<WordEvent> words, Duration window) {
    return words
        .windowAll(TumblingEventTimeWindows.of(window))
        .sideOutputLateData(LATE)
        .aggregate(new WordCounts(), new ToTopWords())
        .name(WINDOW_STEP)
        .uid(WINDOW_STEP);
  }

  /** Adds the window's bounds to its counts and keeps the most frequent words. */
  private static final class ToTopWords
      extends ProcessAllWindowFunction<WordCounts.Counts, WindowTopWords, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(ProcessWindowFunction.Context<TimeWindow> ctx,
        Iterable<WordCounts.Counts> counts, Collector<WindowTopWords> out) {
      for (WordCounts.Counts c : counts) {
        out.collect(new WindowTopWords(
            EventTimestamps.format(ctx.window().start()),
            EventTimestamps.format(ctx.window().end()),
            c.events(), c.top(TOP)));
      }
    }
  }
}
