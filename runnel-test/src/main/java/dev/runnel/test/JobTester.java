package dev.runnel.test;

import dev.runnel.api.DataStream;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.CollectSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs a pipeline as a real job, on the real runtime (threads, queues, chaining, key-group
 * partitioning and copies of every function per subtask), over records the test gives, and returns
 * what came out: the main output, the side outputs asked for, and the job's counters.
 *
 * <pre>{@code
 * OutputTag<Order> late = new OutputTag<>("late");
 * JobTester<Order, Alert> tester =
 *     JobTester.forPipeline((DataStream<Order> in) -> OrderAlerts.alerts(in, 500));
 *
 * TestRun<Alert> run = tester.parallelism(2).captureSideOutput(late).run(List.of(o1, o2, o3));
 *
 * assertThat(run.output()).containsExactlyInAnyOrder(a1, a2);
 * assertThat(run.sideOutput(late)).containsExactly(o3);
 * assertThat(run.result().counter(JobTester.OUTPUT_NAME + ".recordsIn")).isEqualTo(2);
 * }</pre>
 *
 * <p><b>Input.</b> The records are emitted in list order by one source subtask named {@value
 * #INPUT_NAME}, without timestamps unless {@link #timestamps} says how to compute them. The input
 * is bounded, so when it is exhausted the job sees the final watermark and ends.
 *
 * <p><b>Order of the output.</b> At parallelism 1 the output is deterministic: one subtask sees
 * the input in order and emits in order. At a higher parallelism the records emitted by different
 * subtasks interleave in whatever order they reach the output, which changes from run to run; what
 * stays fixed is the order within one subtask, so after a {@code keyBy} the records of one key keep
 * their order. Assert on the order per key (or sort), not on the whole list.
 *
 * <p><b>Configuration.</b> A tester is immutable: {@link #parallelism}, {@link #captureSideOutput},
 * {@link #timestamps} and {@link #timeout} each return a new tester, so one pipeline can be run
 * under several settings. {@link #run} builds a fresh {@link StreamEnvironment} each time, so the
 * pipeline function is called once per run and runs share nothing. Thread-safe.
 *
 * <p><b>Failures.</b> If the job fails, {@link #run} throws the runtime's {@link
 * JobExecutionException}, whose cause is an {@code OperatorException} naming the operator, subtask
 * and record. A job that does not end within the {@linkplain #timeout timeout} (one with an
 * unbounded source, say) is cancelled and reported with an {@link IllegalStateException}.
 *
 * @param <I> the type of the input records ({@link Void} for {@link #forJob} testers)
 * @param <O> the type of the pipeline's main output
 */
@Public
public final class JobTester<I, O> {
  /** The name of the source that emits the input records, as it appears in counter names. */
  public static final String INPUT_NAME = "Test input";

  /** The name of the sink that captures the main output, as it appears in counter names. */
  public static final String OUTPUT_NAME = "Test output";

  /** Prefix of the sinks that capture side outputs; the tag's id follows it. */
  public static final String SIDE_OUTPUT_NAME_PREFIX = "Test side output ";

  /** The job name of every run; it also names the job's threads. */
  public static final String JOB_NAME = "job-tester";

  /** How long {@link #run} waits for the job unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

  /** How long a job that timed out is given to stop after it was cancelled. */
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);

  /** Builds the job on a fresh environment; {@code input} is the list given to {@link #run}. */
  @FunctionalInterface
  private interface JobBuilder<I, O> {
    DataStream<O> build(StreamEnvironment env, List<? extends I> input, ToLongFunction<? super I> ts);
  }

  private final JobBuilder<I, O> builder;
  private final int parallelism;
  private final Set<OutputTag<?>> sideOutputs;
  private final ToLongFunction<? super I> timestampOf;
  private final Duration timeout;

  private JobTester(JobBuilder<I, O> builder, int parallelism, Set<OutputTag<?>> sideOutputs,
      ToLongFunction<? super I> timestampOf, Duration timeout) {
    this.builder = builder;
    this.parallelism = parallelism;
    this.sideOutputs = sideOutputs;
    this.timestampOf = timestampOf;
    this.timeout = timeout;
  }

  /**
   * A tester for a pipeline that transforms one input stream: {@code pipeline} receives a stream of
   * the records given to {@link #run} and returns the stream whose records the test checks.
   *
   * <pre>{@code JobTester.forPipeline((DataStream<String> in) -> in.map(String::length))}</pre>
   */
  public static <I, O> JobTester<I, O> forPipeline(Function<DataStream<I>, DataStream<O>> pipeline) {
    Objects.requireNonNull(pipeline, "pipeline");
    JobBuilder<I, O> builder = (env, input, ts) -> {
      DataStream<I> in = env.fromSource(new TestInputSource<I>(input, ts), INPUT_NAME);
      return pipeline.apply(in);
    };
    return new JobTester<>(builder, 1, Set.of(), null, DEFAULT_TIMEOUT);
  }

  /**
   * A tester for a job that builds its own sources on the environment it is given (and may set
   * its options; its settings win over the tester's parallelism). Run it with {@link #run()}.
   *
   * <pre>{@code JobTester.forJob(env -> env.fromSequence(1, 100).filter(x -> x % 7 == 0))}</pre>
   */
  public static <O> JobTester<Void, O> forJob(Function<StreamEnvironment, DataStream<O>> job) {
    Objects.requireNonNull(job, "job");
    JobBuilder<Void, O> builder = (env, input, ts) -> {
      if (!input.isEmpty()) {
        throw new IllegalArgumentException("a tester made with forJob(...) runs the sources its job "
            + "builds and takes no input records: call run()");
      }
      if (ts != null) {
        throw new IllegalStateException("timestamps(...) stamps the tester's input records, and a "
            + "tester made with forJob(...) has none: let the job's sources emit timestamps");
      }
      return job.apply(env);
    };
    return new JobTester<>(builder, 1, Set.of(), null, DEFAULT_TIMEOUT);
  }

  /**
   * The default parallelism of the job's operators (default 1, which keeps the output order
   * deterministic). The input source always runs at parallelism 1.
   */
  public JobTester<I, O> parallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
    }
    return new JobTester<>(builder, parallelism, sideOutputs, timestampOf, timeout);
  }

  /**
   * Also captures the side output {@code tag} of the stream the pipeline returns, read back with
   * {@link TestRun#sideOutput}. That stream must come from a process function or a source, as for
   * {@link DataStream#getSideOutput}.
   */
  public JobTester<I, O> captureSideOutput(OutputTag<?> tag) {
    Objects.requireNonNull(tag, "tag");
    Set<OutputTag<?>> tags = new LinkedHashSet<>(sideOutputs);
    tags.add(tag);
    return new JobTester<>(
        builder, parallelism, Collections.unmodifiableSet(tags), timestampOf, timeout);
  }

  /**
   * Gives each input record the event timestamp (epoch milliseconds) {@code timestampOf} computes,
   * as a source reading timestamped data would. Without it the input records have no timestamp.
   * The function runs on the job's source thread; it need not be serializable.
   */
  public JobTester<I, O> timestamps(ToLongFunction<? super I> timestampOf) {
    Objects.requireNonNull(timestampOf, "timestampOf");
    return new JobTester<>(builder, parallelism, sideOutputs, timestampOf, timeout);
  }

  /** How long {@link #run} waits for the job to end before cancelling it (default one minute). */
  public JobTester<I, O> timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return new JobTester<>(builder, parallelism, sideOutputs, timestampOf, timeout);
  }

  /** Runs a {@link #forJob} tester, or a {@link #forPipeline} one over no input. */
  public TestRun<O> run() {
    return run(List.of());
  }

  /**
   * Builds the pipeline on a fresh environment, runs it as a job over {@code input} and waits until
   * it ends. The list is copied first, so the test may reuse it.
   *
   * @throws JobExecutionException if the job fails
   * @throws IllegalStateException if it does not end within the timeout
   */
  public TestRun<O> run(List<? extends I> input) {
    Objects.requireNonNull(input, "input");
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    DataStream<O> out = builder.build(env, input, timestampOf);
    if (out == null) {
      throw new IllegalStateException(
          "the pipeline returned null: return the stream whose records the test checks");
    }
    if (out.environment() != env) {
      throw new IllegalArgumentException("the pipeline returned a stream of another "
          + "StreamEnvironment: build it on the input stream or environment the tester passes in");
    }
    CollectSink<O> main = new CollectSink<>();
    out.sinkTo(main).name(OUTPUT_NAME);
    Map<OutputTag<?>, CollectSink<?>> sides = new LinkedHashMap<>();
    for (OutputTag<?> tag : sideOutputs) {
      sides.put(tag, capture(out, tag));
    }

    JobResult result = await(env.executeAsync(JOB_NAME));

    Map<OutputTag<?>, List<?>> sideRecords = new LinkedHashMap<>();
    sides.forEach((tag, sink) -> sideRecords.put(tag, sink.records()));
    return new TestRun<>(main.records(), sideRecords, result);
  }

  private static <X> CollectSink<X> capture(DataStream<?> stream, OutputTag<X> tag) {
    CollectSink<X> sink = new CollectSink<>();
    stream.getSideOutput(tag).sinkTo(sink).name(SIDE_OUTPUT_NAME_PREFIX + tag.id());
    return sink;
  }

  private JobResult await(JobHandle job) {
    try {
      return job.await(timeout);
    } catch (TimeoutException e) {
      job.cancel();
      String stopped;
      try {
        job.await(CANCEL_GRACE);
        stopped = "it was cancelled";
      } catch (TimeoutException stillRunning) {
        stopped = "it was cancelled but its threads had not stopped " + CANCEL_GRACE + " later";
      }
      throw new IllegalStateException("job '" + job.jobName() + "' did not end within " + timeout
          + " and " + stopped + ". Does it read an unbounded source? Give it bounded input, or "
          + "raise the tester's timeout(...)", e);
    }
  }

  @Override
  public String toString() {
    return "JobTester{parallelism=" + parallelism + ", sideOutputs=" + new ArrayList<>(sideOutputs)
        + ", timestamps=" + (timestampOf != null) + ", timeout=" + timeout + "}";
  }
}
