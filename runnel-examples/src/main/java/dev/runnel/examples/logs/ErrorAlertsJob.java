package dev.runnel.examples.logs;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.examples.EventTimeJobIo;
import dev.runnel.examples.JobArgumentException;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import java.util.List;

/**
 * {@code error-alerts}: reads log entries ({@link LogEvent}) and, on each ERROR, counts the ERRORs
 * of all services with a timestamp in {@code [t − --window, t]} seen so far; when the count
 * reaches {@code --threshold} it writes an {@link ErrorAlert}. The count is global, so the
 * counting step runs as one subtask whatever the parallelism. Nothing is late for this job:
 * {@code --late-output} is accepted and stays empty.
 */
public final class ErrorAlertsJob implements PackagedJob {
  public static final String NAME = "error-alerts";
  public static final String THRESHOLD = "--threshold";
  public static final String WINDOW = "--window";

  /** Name and uid of the counting step. */
  public static final String COUNT_STEP = "count-errors";

  /** The one key under which all ERRORs are counted. */
  private static final String ALL = "all";

  /** Never written: every entry is judged on arrival. */
  private static final OutputTag<LogEvent> NOTHING_LATE = new OutputTag<>("late");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Alerts on each ERROR that brings the ERRORs within a time window up to a threshold";
  }

  @Override
  public List<JobOption> options() {
    return EventTimeJobIo.withCommonOptions(
        List.of(
            JobOption.withDefault(THRESHOLD, "3",
                "alert when this many ERRORs (or more) fall within the window"),
            JobOption.withDefault(WINDOW, "15s",
                "the window: ERRORs with timestamp in [t - window, t] count for an ERROR at t"),
            EventTimeJobIo.outOfOrderness("5s")),
        "accepted for uniformity; every entry is judged on arrival, so this file stays empty");
  }

  @Override
  public List<JobField> inputFields() {
    return LogEvent.FIELDS;
  }

  @Override
  public List<JobField> outputFields() {
    return List.of(
        JobField.required("id", Type.STRING_OR_NUMBER, "the ERROR entry that raised the alert"),
        JobField.required("timestamp", Type.TIMESTAMP, "its event time"),
        JobField.required("errors_in_window", Type.WHOLE_NUMBER,
            "ERRORs in the window up to it, itself included"));
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    long threshold = args.getLong(THRESHOLD);
    if (threshold < 1) {
      throw new JobArgumentException("invalid value '" + args.getString(THRESHOLD)
          + "' for option " + THRESHOLD + ": must be at least 1");
    }
    long windowMillis = args.getDuration(WINDOW).toMillis();
    DataStream<LogEvent> entries = EventTimeJobIo.input(env, args, LogEvent.class,
        args.getDuration(EventTimeJobIo.OUT_OF_ORDERNESS));
    DataStream<ErrorAlert> alerts = entries
        .filter(LogEvent::isError)
        .name("errors-only")
        .setParallelism(1) // chained to the one reader, so arrival order is input order
        .keyBy(error -> ALL)
        .process(new ErrorRateFunction(windowMillis, threshold))
        .name(COUNT_STEP)
        .uid(COUNT_STEP)
        .setParallelism(1);
    EventTimeJobIo.output(alerts, args, alert -> ALL);
    EventTimeJobIo.lateOutput(alerts.getSideOutput(NOTHING_LATE), args, event -> ALL);
  }
}
