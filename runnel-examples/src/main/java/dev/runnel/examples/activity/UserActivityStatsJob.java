package dev.runnel.examples.activity;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.Collector;
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
 * {@code user-activity-stats}: of the user actions ({@link UserActivity}), only transactions; per
 * user, event-time tumbling windows ({@code --window}, a minute by default), one {@link
 * UserWindowStats} per user and window when the watermark passes its end. The statistics are
 * folded incrementally ({@link TransactionStats}). Transactions too late for their window go to
 * {@code --late-output}; other actions are dropped before the windows and are never late.
 */
public final class UserActivityStatsJob implements PackagedJob {
  public static final String NAME = "user-activity-stats";
  public static final String WINDOW = "--window";

  /** Name and uid of the window step. */
  public static final String WINDOW_STEP = "transaction-stats";

  static final OutputTag<UserActivity> LATE = new OutputTag<>("late-transactions");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Transaction count, total, average, min and max per user and event-time window";
  }

  @Override
  public List<JobOption> options() {
    return EventTimeJobIo.withCommonOptions(
        List.of(
            JobOption.withDefault(WINDOW, "1m", "the size of the tumbling windows"),
            EventTimeJobIo.outOfOrderness("10m")),
        "write transactions too late for their window here, unchanged (JSON lines)");
  }

  @Override
  public List<JobField> inputFields() {
    return UserActivity.FIELDS;
  }

  @Override
  public List<JobField> outputFields() {
    return List.of(
        JobField.required("user_id", Type.STRING, "the user"),
        JobField.required("window_start", Type.TIMESTAMP, "the window's start, included"),
        JobField.required("window_end", Type.TIMESTAMP, "the window's end, excluded"),
        JobField.required("transaction_count", Type.WHOLE_NUMBER, "transactions in the window"),
        JobField.required("total_amount", Type.DECIMAL, "the sum of their amounts"),
        JobField.required("avg_amount", Type.DECIMAL, "total_amount / transaction_count"),
        JobField.required("min_amount", Type.DECIMAL, "the smallest amount"),
        JobField.required("max_amount", Type.DECIMAL, "the largest amount"));
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    DataStream<UserActivity> activity = EventTimeJobIo.input(env, args, UserActivity.class,
        args.getDuration(EventTimeJobIo.OUT_OF_ORDERNESS));
    DataStream<UserWindowStats> stats = stats(activity, args.getPositiveDuration(WINDOW));
    EventTimeJobIo.output(stats, args, UserWindowStats::userId);
    EventTimeJobIo.lateOutput(stats.getSideOutput(LATE), args, UserActivity::userId);
  }

  /** The pipeline alone; late transactions are on the side output {@link #LATE} of the result. */
  public static DataStream<UserWindowStats> stats(DataStream<UserActivity> activity,
      Duration window) {
    return activity
        .filter(UserActivity::isTransaction)
        .name("transactions")
        // Chained to the one reader, so the filtered records keep the input's order and
        // watermarks.
        .setParallelism(1)
        .keyBy(UserActivity::userId)
        .window(TumblingEventTimeWindows.of(window))
        .sideOutputLateData(LATE)
        .aggregate(new TransactionStats(), new ToWindowStats())
        .name(WINDOW_STEP)
        .uid(WINDOW_STEP);
  }

  /** Adds the user and the window's bounds to its statistics. */
  private static final class ToWindowStats extends
      ProcessWindowFunction<TransactionStats.Stats, UserWindowStats, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(String user, Context<TimeWindow> ctx,
        Iterable<TransactionStats.Stats> all, Collector<UserWindowStats> out) {
      for (TransactionStats.Stats s : all) {
        out.collect(new UserWindowStats(user,
            EventTimestamps.format(ctx.window().start()),
            EventTimestamps.format(ctx.window().end()),
            s.count(), s.total(), s.average(), s.min(), s.max()));
      }
    }
  }
}
