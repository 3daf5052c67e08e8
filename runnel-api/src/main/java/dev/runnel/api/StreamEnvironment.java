package dev.runnel.api;

import dev.runnel.api.checkpoint.CheckpointConfig;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.api.state.StateBackend;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.CollectionSource;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.connector.Source;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.internal.JobExecutor;
import dev.runnel.api.internal.JobPlan;
import dev.runnel.api.internal.SinkTransformation;
import dev.runnel.api.internal.SourceTransformation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The entry point of a Runnel program: it creates sources, records the streams built on them and
 * runs them as a job, inside this JVM.
 *
 * <pre>{@code
 * StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
 * env.fromElements("a b", "b c")
 *     .flatMap((String line, Collector<String> out) -> {
 *       for (String w : line.split(" ")) out.collect(w);
 *     })
 *     .keyBy(w -> w)
 *     .count()
 *     .print();
 * env.execute("word-count");
 * }</pre>
 *
 * <p>Building and running are separate phases: {@link #execute} compiles what was built into an
 * immutable plan and runs it; the sinks it ran are then forgotten, so the same environment can
 * build and run another job. Not thread-safe: build a job from one thread.
 */
@Public
public final class StreamEnvironment {
  /** Default number of key groups: the most subtasks a keyed operator can ever be split into. */
  public static final int DEFAULT_MAX_PARALLELISM = 128;

  /**
   * How often the watermark generators of unbounded sources are asked for a watermark unless set
   * otherwise; bounded sources are asked after every record (see {@link #setWatermarkInterval}).
   */
  public static final Duration DEFAULT_WATERMARK_INTERVAL = Duration.ofMillis(200);

  private final List<SinkTransformation<?>> sinks = new ArrayList<>();
  private int nextId = 1;
  private int parallelism = Runtime.getRuntime().availableProcessors();
  private int maxParallelism = DEFAULT_MAX_PARALLELISM;
  private int workerThreads = Runtime.getRuntime().availableProcessors();
  /** Null until set: then chosen per source by its boundedness. */
  private Duration watermarkInterval;
  private CheckpointConfig checkpointConfig;
  private StateBackend stateBackend = StateBackend.heap();
  private RestartStrategy restartStrategy = RestartStrategy.none();
  private RestoreFrom restore;
  private boolean allowNonRestoredState;

  private StreamEnvironment() {}

  /** A new environment with parallelism and worker threads equal to the number of cores. */
  public static StreamEnvironment create() {
    return new StreamEnvironment();
  }

  /** The default parallelism of the operators that do not set their own. */
  public StreamEnvironment setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
    }
    this.parallelism = parallelism;
    return this;
  }

  public int getParallelism() {
    return parallelism;
  }

  /**
   * The number of key groups (default {@value #DEFAULT_MAX_PARALLELISM}). Keyed state is split
   * into this many groups; it is the upper bound of any keyed operator's parallelism and must not
   * change between runs that share state.
   */
  public StreamEnvironment setMaxParallelism(int maxParallelism) {
    if (maxParallelism < 1 || maxParallelism > 32768) {
      throw new IllegalArgumentException(
          "max parallelism must be between 1 and 32768, was " + maxParallelism);
    }
    this.maxParallelism = maxParallelism;
    return this;
  }

  public int getMaxParallelism() {
    return maxParallelism;
  }

  /**
   * The number of cooperative worker threads the job's subtasks share (default: one per core).
   * Parallelism may exceed it; sources and sinks that block get threads of their own on top.
   */
  public StreamEnvironment setWorkerThreads(int workerThreads) {
    if (workerThreads < 1) {
      throw new IllegalArgumentException("worker threads must be >= 1, was " + workerThreads);
    }
    this.workerThreads = workerThreads;
    return this;
  }

  public int getWorkerThreads() {
    return workerThreads;
  }

  /**
   * How often watermark generators are asked for a watermark, in processing time. {@link
   * Duration#ZERO} asks after every element: watermarks then depend on the data alone.
   *
   * <p><b>Default: deterministic over bounded input.</b> Unless this is set, a bounded source (a
   * file, a collection, a bounded generator) is asked after every record, and an unbounded one
   * every {@link #DEFAULT_WATERMARK_INTERVAL}. When every source of a job is bounded and its
   * watermarks follow the data (this left unset, or set to zero), the job also orders its
   * operators' input channels by event time (see {@code docs/runtime.md}, "Deterministic event
   * time"), so the same input at the same parallelism gives the same output, late records
   * included, on any machine and at any rate. Setting a positive interval opts out: watermarks then
   * follow the wall clock, as in Apache Flink.
   */
  public StreamEnvironment setWatermarkInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("watermark interval must not be negative: " + interval);
    }
    this.watermarkInterval = interval;
    return this;
  }

  /** The interval set with {@link #setWatermarkInterval}, or empty while it is left to the job. */
  public Optional<Duration> getWatermarkInterval() {
    return Optional.ofNullable(watermarkInterval);
  }

  /**
   * Turns on checkpoints every {@code interval}: barriers flow from the sources through the job,
   * each operator's state is written under the checkpoint directory, and two-phase-commit sinks
   * make output visible only when the checkpoint that covers it is complete. Returns the
   * configuration, to set the directory, timeout and retention.
   *
   * <pre>{@code
   * env.enableCheckpointing(Duration.ofSeconds(1)).setCheckpointDirectory(Path.of("/data/chk"));
   * env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ofSeconds(1)));
   * }</pre>
   */
  public CheckpointConfig enableCheckpointing(Duration interval) {
    checkpointConfig = new CheckpointConfig(interval);
    return checkpointConfig;
  }

  /** The checkpoint configuration, or null if checkpointing is off. */
  public CheckpointConfig getCheckpointConfig() {
    return checkpointConfig;
  }

  /** Where keyed state lives: {@link StateBackend#heap()} (default) or RocksDB. */
  public StateBackend setStateBackend(StateBackend backend) {
    this.stateBackend = Objects.requireNonNull(backend, "state backend");
    return backend;
  }

  public StateBackend getStateBackend() {
    return stateBackend;
  }

  /** What to do when a task fails; {@link RestartStrategy#none()} by default. */
  public StreamEnvironment setRestartStrategy(RestartStrategy strategy) {
    this.restartStrategy = Objects.requireNonNull(strategy, "restart strategy");
    return this;
  }

  public RestartStrategy getRestartStrategy() {
    return restartStrategy;
  }

  /**
   * Starts the next job from a checkpoint or savepoint: {@link RestoreFrom#latest()} for the
   * newest complete checkpoint of the job in the checkpoint directory (a fresh start if there is
   * none), or {@link RestoreFrom#path} for one folder. The job may run at another parallelism than
   * the one that wrote it; operators are matched by {@code uid}.
   */
  public StreamEnvironment restoreFrom(RestoreFrom restore) {
    this.restore = Objects.requireNonNull(restore, "restore");
    return this;
  }

  /**
   * {@link #restoreFrom(RestoreFrom)} with the command-line form read by {@link RestoreFrom#parse}:
   * a folder path ({@code …/chk-42}, {@code …/savepoint-7}), or {@code "latest"}; null starts
   * afresh.
   *
   * @throws IllegalArgumentException if {@code pathOrLatest} is blank
   */
  public StreamEnvironment restoreFrom(String pathOrLatest) {
    this.restore = pathOrLatest == null ? null : RestoreFrom.parse(pathOrLatest);
    return this;
  }

  /**
   * Whether restoring may ignore state of an operator uid that the job no longer has (default
   * false: such state is an error, since dropping it silently loses data).
   */
  public StreamEnvironment setAllowNonRestoredState(boolean allow) {
    this.allowNonRestoredState = allow;
    return this;
  }

  /** A stream of the records {@code source} produces, without event time. */
  public <T> DataStream<T> fromSource(Source<T> source, String name) {
    Objects.requireNonNull(source, "source");
    return new DataStream<>(this, new SourceTransformation<>(nextId(), name, source, null));
  }

  /**
   * A stream of the records {@code source} produces, with timestamps and watermarks assigned in
   * each source subtask by {@code watermarks}.
   */
  public <T> DataStream<T> fromSource(
      Source<T> source, WatermarkStrategy<T> watermarks, String name) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(watermarks, "watermarks");
    return new DataStream<>(this, new SourceTransformation<>(nextId(), name, source, watermarks));
  }

  /** A bounded stream of the collection's elements, in iteration order, at parallelism 1. */
  public <T> DataStream<T> fromCollection(Collection<? extends T> elements) {
    return fromSource(new CollectionSource<T>(elements), "Collection");
  }

  /** A bounded stream of the given elements, in order, at parallelism 1. */
  @SafeVarargs
  public final <T> DataStream<T> fromElements(T... elements) {
    return fromCollection(Arrays.asList(elements));
  }

  /** The bounded sequence {@code from … to} (inclusive), generated in parallel. */
  public DataStream<Long> fromSequence(long from, long to) {
    return fromSource(GeneratorSource.sequence(from, to), "Sequence");
  }

  /**
   * Runs every sink added since the last execution and waits until the job ends.
   *
   * @throws InvalidJobException if the job cannot be built
   * @throws JobExecutionException if it fails while running
   */
  public JobResult execute(String jobName) {
    return executeAsync(jobName).await();
  }

  /**
   * Starts every sink added since the last execution and returns at once.
   *
   * @throws InvalidJobException if the job cannot be built
   */
  public JobHandle executeAsync(String jobName) {
    if (jobName == null || jobName.isBlank()) {
      throw new IllegalArgumentException("job name must not be blank");
    }
    if (sinks.isEmpty()) {
      throw new InvalidJobException(
          "job '" + jobName + "' has no sinks: add one with sinkTo(...), print() or collect");
    }
    JobPlan plan = new JobPlan(jobName, sinks, parallelism, maxParallelism, workerThreads,
        watermarkInterval == null ? JobPlan.WATERMARK_INTERVAL_AUTO : watermarkInterval.toMillis(),
        checkpointConfig, stateBackend, restartStrategy,
        restore, allowNonRestoredState);
    sinks.clear();
    return executor().submit(plan);
  }

  int nextId() {
    return nextId++;
  }

  void addSink(SinkTransformation<?> sink) {
    sinks.add(sink);
  }

  /** Checks that a transformation was built by this environment's streams. */
  void checkOwns(DataStream<?> stream) {
    if (stream.environment() != this) {
      throw new IllegalArgumentException(
          "stream " + stream.transformation().name() + " belongs to another environment");
    }
  }

  private static JobExecutor executor() {
    Iterator<JobExecutor> found = ServiceLoader.load(JobExecutor.class).iterator();
    if (!found.hasNext()) {
      throw new InvalidJobException(
          "no Runnel runtime on the classpath: add the dependency dev.runnel:runnel-runtime");
    }
    return found.next();
  }

}
