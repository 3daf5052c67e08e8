package dev.runnel.examples;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.eventtime.TimestampAssigner;
import dev.runnel.api.eventtime.TimestampBounds;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.examples.io.JobIo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The input and outputs every event-time packaged job shares, built the same way for all: the
 * JSON source (a file of JSON lines or a Kafka topic, see {@link JobIo}) with timestamps and
 * watermarks assigned at the source, the output, the late-data output and the dead-letter output
 * (each a file or a topic), and the options that control them.
 *
 * <p><b>Source.</b> One reader reads the input (files by name, lines in order; a topic's
 * partitions each in offset order), so watermarks follow the input order; by default they come after every record, and a run is deterministic
 * (the same output for the same input and options, see {@code StreamEnvironment
 * #setWatermarkInterval}); {@code --watermark-interval} makes them periodic instead. The
 * watermark trails the largest timestamp read so far by {@code --out-of-orderness} (when the job
 * has that option, else by the bound the job gives) : {@code max timestamp − bound − 1 ms}.
 *
 * <p><b>Rate.</b> With {@link JobArguments#rate()} ({@code --rate}) the source reads at most that
 * many records per second.
 *
 * <p><b>Bad lines.</b> A line that cannot be decoded (a bad timestamp included) fails the job
 * with {@code FILE:LINE: reason}; with {@code --dead-letter-output} it goes there instead. So does
 * a record whose event time is not believable: more than {@code --max-future} (a day by default)
 * ahead of the clock, or before 1970 without {@code --allow-before-1970 true}.
 */
public final class EventTimeJobIo {
  public static final String OUT_OF_ORDERNESS = "--out-of-orderness";
  public static final String WATERMARK_INTERVAL = "--watermark-interval";
  public static final String LATE_OUTPUT = "--late-output";
  public static final String DEAD_LETTER_OUTPUT = "--dead-letter-output";
  public static final String MAX_FUTURE = "--max-future";
  public static final String ALLOW_BEFORE_1970 = "--allow-before-1970";

  private EventTimeJobIo() {}

  /** The option {@code --out-of-orderness} with the job's default. */
  public static JobOption outOfOrderness(String defaultValue) {
    return JobOption.withDefault(OUT_OF_ORDERNESS, defaultValue,
        "how far behind the newest timestamp read a record may arrive and still be on time; "
            + "the watermark is the newest timestamp minus this");
  }

  /**
   * {@code --watermark-interval}, {@code --late-output} and {@code --dead-letter-output}, which
   * every event-time job has, after the job's own options.
   */
  public static List<JobOption> withCommonOptions(List<JobOption> jobOptions, String lateHelp) {
    List<JobOption> options = new ArrayList<>(jobOptions);
    options.add(JobOption.optional(WATERMARK_INTERVAL,
        "emit a watermark this often, in processing time, instead of after every record; by "
            + "default watermarks follow the input alone, so a run over a file gives the same "
            + "output every time, at any parallelism and --rate (a positive interval gives that "
            + "up, as the watermark then depends on timing)"));
    options.add(JobOption.withDefault(MAX_FUTURE, "1d",
        "a record whose event time is more than this ahead of the clock is a bad record "
            + "(dead-lettered, or the run fails naming it), so one absurd timestamp cannot make "
            + "every later record late; 'off' accepts any time"));
    options.add(JobOption.withDefault(ALLOW_BEFORE_1970, "false",
        "'true' accepts event times before 1970-01-01, which are bad records otherwise"));
    options.add(JobOption.optional(LATE_OUTPUT, lateHelp));
    options.add(JobOption.optional(DEAD_LETTER_OUTPUT,
        "write input records that cannot be decoded to this file (JSON lines) or topic "
            + "(kafka:TOPIC) instead of failing the job"));
    return List.copyOf(options);
  }

  /**
   * The job's input with event time: sets the environment's watermark interval from {@code
   * --watermark-interval}, reads {@code type} from the input file (its fields named as {@code
   * --field} maps them) and assigns each record's
   * {@link EventRecord#timestamp()} with watermarks {@code outOfOrderness} behind; wires the
   * dead-letter file when asked.
   */
  public static <T extends EventRecord> DataStream<T> input(
      StreamEnvironment env, JobArguments args, Class<T> type, Duration outOfOrderness) {
    if (args.isSet(WATERMARK_INTERVAL)) {
      env.setWatermarkInterval(args.getDuration(WATERMARK_INTERVAL));
    }
    WatermarkStrategy<T> strategy = WatermarkStrategy.<T>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner(new EventRecordTimestamps<>())
        .withTimestampBounds(timestampBounds(args));
    return JobIo.input(env, args, type, strategy, args.findEndpoint(DEAD_LETTER_OUTPUT));
  }

  /** The bounds of {@code --max-future} and {@code --allow-before-1970}. */
  static TimestampBounds timestampBounds(JobArguments args) {
    String maxFuture = args.getString(MAX_FUTURE).trim();
    TimestampBounds bounds = maxFuture.equalsIgnoreCase("off")
        ? TimestampBounds.notBefore1970()
        : TimestampBounds.maxAhead(JobArguments.duration(MAX_FUTURE, maxFuture));
    String before1970 = args.getString(ALLOW_BEFORE_1970).trim();
    if (before1970.equalsIgnoreCase("true")) {
      return bounds.allowingBefore1970();
    }
    if (!before1970.equalsIgnoreCase("false")) {
      throw new JobArgumentException(
          ALLOW_BEFORE_1970 + " must be true or false, was '" + before1970 + "'");
    }
    return bounds;
  }

  /**
   * Writes {@code results} to the output (a file of JSON lines, or a topic with each record
   * keyed by {@code key}, the job's key, so that a key's results stay in order).
   */
  public static <R> void output(
      DataStream<R> results, JobArguments args, Function<? super R, String> key) {
    JobIo.output(results, args.outputEndpoint(), args, key, PackagedJob.OUTPUT_STEP);
  }

  /**
   * Writes {@code late} records unchanged to {@code --late-output}, if it was given (keyed by
   * {@code key} on a topic).
   */
  public static <T extends EventRecord> void lateOutput(
      DataStream<T> late, JobArguments args, Function<? super T, String> key) {
    args.findEndpoint(LATE_OUTPUT).ifPresent(
        endpoint -> JobIo.output(late, endpoint, args, key, PackagedJob.LATE_STEP));
  }

  /** Reads {@link EventRecord#timestamp()}. */
  private static final class EventRecordTimestamps<T extends EventRecord>
      implements TimestampAssigner<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(T element, long recordTimestamp) {
      return element.timestamp();
    }
  }
}
