package dev.runnel.runtime.task;

import dev.runnel.api.InvalidJobException;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.checkpoint.CheckpointConfig;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.Source;
import dev.runnel.api.internal.JobPlan;
import dev.runnel.api.internal.SinkTransformation;
import dev.runnel.api.internal.SourceTransformation;
import dev.runnel.runtime.checkpoint.CheckpointCoordinator;
import dev.runnel.runtime.checkpoint.CheckpointScheduler;
import dev.runnel.runtime.checkpoint.CheckpointStorage;
import dev.runnel.runtime.checkpoint.CorruptCheckpointException;
import dev.runnel.runtime.checkpoint.RestoredCheckpoint;
import dev.runnel.runtime.graph.JobGraph;
import dev.runnel.runtime.graph.StreamNode;
import dev.runnel.runtime.operators.SinkOperator;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.StateBackends;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job as a series of attempts: deploys it (restored from a checkpoint if asked), and when a
 * task fails, restores the last completed checkpoint of this run and deploys it again, as the
 * {@link RestartStrategy} allows. With checkpointing it owns the run's checkpoint coordinator, the
 * checkpoint I/O thread, and the committers of two-phase-commit sinks, which recover (commit the
 * restored checkpoint's output, discard the rest) before every attempt.
 *
 * <p>The job ends when an attempt finishes (and, with checkpointing, its final checkpoint is
 * committed), is cancelled, or fails with no restart left; {@link #await()} returns once every
 * thread of the job, of every attempt, has ended.
 */
public final class JobSupervisor implements JobHandle {
  private static final Logger LOG = LoggerFactory.getLogger(JobSupervisor.class);

  private final JobPlan plan;
  private final JobGraph graph;
  private final String jobName;
  private final CheckpointConfig checkpointing;
  private final CheckpointStorage storage;
  private final KeyedStateBackendFactory backend;
  private final Map<String, Committer<Object>> committers = new LinkedHashMap<>();
  private final List<CheckpointCoordinator.OperatorInfo> operatorInfo = new ArrayList<>();
  private final Set<String> uids = new HashSet<>();
  private final Thread thread;
  private ExecutorService checkpointIo;

  private volatile LocalJob current;
  private volatile CheckpointCoordinator coordinator;
  private volatile boolean cancelled;
  private volatile JobResult result;
  private volatile Throwable failure;
  private volatile Path lastCompleted;
  private RestoredCheckpoint initialRestore;

  /**
   * Checks the plan against checkpointing (replayable sources, the restore folder, the state
   * backend) and deploys the first attempt.
   *
   * @throws InvalidJobException if the job cannot start as asked
   */
  public JobSupervisor(JobPlan plan, JobGraph graph) {
    this.plan = plan;
    this.graph = graph;
    this.jobName = graph.jobName();
    this.checkpointing = plan.checkpointing();
    try {
      this.backend = StateBackends.factoryFor(plan.stateBackend());
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException(e.getMessage());
    }
    Path base = checkpointing != null ? checkpointing.checkpointDirectory()
        : CheckpointConfig.DEFAULT_DIRECTORY;
    this.storage = new CheckpointStorage(base, jobName);
    for (StreamNode node : graph.nodes()) {
      String uid = node.transformation().uid();
      if (!uids.add(uid)) {
        throw new InvalidJobException("two operators of job '" + jobName + "' have uid '" + uid
            + "': uids must be unique, since state is matched by them");
      }
      operatorInfo.add(new CheckpointCoordinator.OperatorInfo(uid, node.name(), node.parallelism()));
      if (checkpointing != null && node.transformation() instanceof SourceTransformation<?> s) {
        Source<?> source = s.source();
        if (!source.supportsCheckpoints()) {
          throw new InvalidJobException("source '" + node.name() + "' ("
              + source.getClass().getSimpleName() + ") cannot resume from a checkpoint, so the job"
              + " cannot run with checkpointing: use a replayable source or turn checkpoints off");
        }
      }
      if (checkpointing != null && node.transformation() instanceof SinkTransformation<?> s) {
        @SuppressWarnings("unchecked")
        Committer<Object> committer = (Committer<Object>) ((Sink<?>) s.sink()).createCommitter();
        if (committer != null) {
          committers.put(uid, committer);
        }
      }
    }
    this.initialRestore = resolveInitialRestore();
    this.thread = new Thread(this::supervise, "runnel-" + jobName + "-supervisor");
    if (checkpointing != null) {
      checkpointIo = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "runnel-" + jobName + "-checkpoint-io");
        t.setDaemon(true);
        return t;
      });
    }
    try {
      deployAttempt(initialRestore);
    } catch (RuntimeException e) {
      stopCheckpointing();
      throw e instanceof InvalidJobException ? e : new InvalidJobException(
          "job '" + jobName + "' cannot start: " + e.getMessage(), e);
    }
  }

  private RestoredCheckpoint resolveInitialRestore() {
    RestoreFrom restore = plan.restore();
    if (restore == null) {
      return null;
    }
    Path folder;
    if (restore.isLatest()) {
      try {
        Optional<Path> latest = storage.latestValid();
        if (latest.isEmpty()) {
          LOG.info("no complete checkpoint of job '{}' under {}: starting afresh", jobName,
              storage.jobDirectory());
          return null;
        }
        folder = latest.get();
      } catch (IOException e) {
        throw new InvalidJobException("cannot list the checkpoints in " + storage.jobDirectory()
            + ": " + e.getMessage(), e);
      }
    } else {
      folder = restore.folder().orElseThrow();
    }
    RestoredCheckpoint restored;
    try {
      restored = RestoredCheckpoint.load(folder);
    } catch (CorruptCheckpointException e) {
      throw new InvalidJobException("cannot restore job '" + jobName + "': " + e.getMessage(), e);
    }
    check(restored);
    LOG.info("job '{}' restores from {}", jobName, folder);
    return restored;
  }

  private void check(RestoredCheckpoint restored) {
    var m = restored.metadata();
    if (m.maxParallelism() != graph.maxParallelism()) {
      throw new InvalidJobException("cannot restore " + restored.folder() + ": it was taken with"
          + " max parallelism " + m.maxParallelism() + " and the job has " + graph.maxParallelism()
          + "; keyed state is split into that many key groups, so it must stay the same");
    }
    boolean hasKeyed = m.operators().stream()
        .flatMap(o -> o.subtasks().stream()).anyMatch(s -> s.keyedState() != null);
    if (hasKeyed && !m.stateBackend().equals(backend.name())) {
      throw new InvalidJobException("cannot restore " + restored.folder() + " on the "
          + backend.name() + " state backend: it was written by the " + m.stateBackend()
          + " backend (use --state-backend " + m.stateBackend() + ")");
    }
    try {
      restored.checkMatched(uids, plan.allowNonRestoredState());
    } catch (IllegalStateException e) {
      throw new InvalidJobException(e.getMessage(), e);
    }
  }

  /** Starts supervising the first attempt, which is already deployed. */
  public void start() {
    current.start();
    if (coordinator != null) {
      coordinator.start();
    }
    thread.start();
  }

  private void deployAttempt(RestoredCheckpoint restore) {
    CheckpointCoordinator c = null;
    Set<String> twoPhase = Set.of();
    if (checkpointing != null) {
      recoverSinks(restore);
      long firstId;
      try {
        firstId = Math.max(storage.highestId(),
            restore == null ? 0 : restore.metadata().checkpointId()) + 1;
      } catch (IOException e) {
        throw new IllegalStateException("cannot list " + storage.jobDirectory(), e);
      }
      c = new CheckpointCoordinator(jobName, checkpointing, storage, backend.name(),
          graph.maxParallelism(), operatorInfo, firstId, committers, this::failCurrent);
      twoPhase = committers.keySet();
    }
    LocalJob job;
    try {
      job = JobDeployer.deploy(graph, new JobDeployer.Options(plan.workerThreads(),
          plan.watermarkIntervalMillis(), backend, plan.stateBackend(), c, checkpointIo, restore,
          twoPhase, localStateDirectory()));
    } catch (RuntimeException e) {
      if (c != null) {
        c.shutdown();
      }
      throw e;
    }
    coordinator = c;
    current = job;
  }

  private Path localStateDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"), "runnel-state");
  }

  /** Commits the restored checkpoint's sink output and discards what later runs left behind. */
  private void recoverSinks(RestoredCheckpoint restore) {
    for (Map.Entry<String, Committer<Object>> e : committers.entrySet()) {
      List<Object> restored = restore == null || !restore.has(e.getKey()) ? List.of()
          : restore.reader(e.getKey(), 0, 1, null).operatorState(SinkOperator.COMMITTABLES);
      try {
        e.getValue().recover(restored);
      } catch (Exception ex) {
        throw new IllegalStateException(
            "sink '" + e.getKey() + "' could not recover: " + ex.getMessage(), ex);
      }
    }
  }

  private void failCurrent(Throwable cause) {
    LocalJob job = current;
    if (job != null) {
      job.fail(cause);
    }
  }

  private void supervise() {
    int restarts = 0;
    RestartStrategy strategy = plan.restartStrategy();
    try {
      while (true) {
        Throwable attemptFailure = null;
        JobResult attemptResult = null;
        try {
          attemptResult = current.await();
        } catch (JobExecutionException e) {
          attemptFailure = e.getCause() != null ? e.getCause() : e;
        }
        if (attemptFailure == null && attemptResult.status() == JobStatus.FINISHED
            && coordinator != null) {
          attemptFailure = awaitFinalCheckpoint();
        }
        // Stop first: a checkpoint completing right now (all its acks were in) must be seen.
        stopCheckpointing();
        rememberCompleted();
        if (attemptFailure == null) {
          result = attemptResult;
          return;
        }
        if (cancelled) {
          // Failures after a cancel are its consequence (an interrupted blocking call).
          result = new JobResult(jobName, JobStatus.CANCELLED, Duration.ZERO,
              current.countersSnapshot());
          return;
        }
        if (restarts >= strategy.maxAttempts()) {
          failure = attemptFailure;
          return;
        }
        restarts++;
        Duration delay = strategy.delayBefore(restarts);
        LOG.warn("job '{}' failed ({}); restart {} of {} in {} ms from {}", jobName,
            attemptFailure.toString(), restarts, strategy.maxAttempts(), delay.toMillis(),
            lastCompleted != null ? lastCompleted : initialRestore != null
                ? initialRestore.folder() : "the start");
        if (!sleep(delay) || cancelled) {
          failure = attemptFailure;
          return;
        }
        try {
          deployAttempt(restartPoint());
          current.start();
          if (coordinator != null) {
            coordinator.start();
          }
        } catch (RuntimeException e) {
          e.addSuppressed(attemptFailure);
          failure = e;
          return;
        }
      }
    } finally {
      stopCheckpointing();
      if (checkpointIo != null) {
        checkpointIo.shutdown();
        // Even when a cancel interrupted this thread: the writes must end before await() returns.
        CheckpointScheduler.awaitTermination(checkpointIo);
      }
    }
  }

  private Throwable awaitFinalCheckpoint() {
    try {
      // Every subtask has taken its final snapshot; only writing them remains. Bounded, so that a
      // lost acknowledgement fails the job (and restarts it) instead of hanging it.
      coordinator.finalCheckpoint().get(finalCheckpointTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (TimeoutException e) {
      return new IllegalStateException(
          "the final checkpoint did not complete within " + finalCheckpointTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    } catch (ExecutionException e) {
      return new IllegalStateException("the final checkpoint failed: " + e.getCause(), e.getCause());
    }
  }

  /** The checkpoint timeout, but at least a minute: the final one writes all remaining state. */
  private Duration finalCheckpointTimeout() {
    Duration timeout = checkpointing.timeout();
    return timeout.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : timeout;
  }

  private void rememberCompleted() {
    CheckpointCoordinator c = coordinator;
    if (c != null && c.latestCompleted() != null) {
      lastCompleted = c.latestCompleted();
    }
  }

  /** The last checkpoint this run completed; failing that, where the run started. */
  private RestoredCheckpoint restartPoint() {
    if (lastCompleted != null) {
      try {
        RestoredCheckpoint r = RestoredCheckpoint.load(lastCompleted);
        check(r);
        return r;
      } catch (CorruptCheckpointException e) {
        LOG.warn("cannot restore {}: {}; trying older checkpoints", lastCompleted, e.getMessage());
        try {
          Optional<Path> latest = storage.latestValid();
          if (latest.isPresent()) {
            return RestoredCheckpoint.load(latest.get());
          }
        } catch (IOException io) {
          LOG.warn("cannot list checkpoints: {}", io.toString());
        }
      }
    }
    return initialRestore;
  }

  private void stopCheckpointing() {
    CheckpointCoordinator c = coordinator;
    if (c != null) {
      c.shutdown();
    }
  }

  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public String jobName() {
    return jobName;
  }

  @Override
  public void cancel() {
    if (!thread.isAlive()) {
      return; // already ended: its outcome stands
    }
    cancelled = true;
    thread.interrupt(); // wakes a restart delay
    LocalJob job = current;
    if (job != null) {
      job.cancel();
    }
  }

  @Override
  public JobResult await() {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // keep waiting: returning early would leave threads running
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return outcome();
  }

  @Override
  public JobResult await(Duration timeout) throws TimeoutException {
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while waiting for job '" + jobName + "'");
    }
    if (thread.isAlive()) {
      throw new TimeoutException("job '" + jobName + "' still running after " + timeout);
    }
    return outcome();
  }

  private JobResult outcome() {
    if (failure != null) {
      throw new JobExecutionException(jobName, failure);
    }
    return result;
  }

  @Override
  public boolean isDone() {
    return !thread.isAlive() && current.isDone();
  }

  @Override
  public CompletableFuture<Path> triggerSavepoint(Path directory) {
    CheckpointCoordinator c = coordinator;
    if (c == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("job '" + jobName
          + "' does not take checkpoints: enable checkpointing to take savepoints"));
    }
    return c.triggerSavepoint(directory == null ? storage.defaultSavepointDirectory() : directory);
  }

  /** The folder of the job's checkpoints. */
  public Path checkpointFolder() {
    return storage.jobDirectory();
  }
}
