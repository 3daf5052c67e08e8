package dev.runnel.runtime.checkpoint;

import dev.runnel.api.checkpoint.CheckpointConfig;
import dev.runnel.api.connector.Committer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the checkpoints of one run of a job (see ARCHITECTURE.md, "Checkpoints and
 * exactly-once"):
 *
 * <ol>
 *   <li>every interval (after the minimum pause since the last one ended) it starts checkpoint
 *       <i>n</i> by asking every source subtask to inject barrier <i>n</i>;
 *   <li>each subtask, once its barriers are aligned, snapshots its operators and acknowledges with
 *       the handles of what it wrote, from a checkpoint I/O thread;
 *   <li>when every subtask has acknowledged, it writes {@code _metadata} last and atomically, which
 *       completes the checkpoint; then it commits what two-phase-commit sinks pre-committed, tells
 *       the subtasks, and deletes checkpoints beyond the retained number.
 * </ol>
 *
 * A checkpoint that times out or that a subtask declines is aborted: its folder is deleted and the
 * job goes on. One checkpoint is in flight at a time; a savepoint asked for meanwhile waits its
 * turn. When a subtask's input ends it takes a final snapshot instead; once every subtask has, the
 * final checkpoint completes the same way and the job's last output is committed.
 *
 * <p>Thread-safe: subtasks call in from their threads; the coordinator's own work runs on one
 * scheduler thread.
 */
public final class CheckpointCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);

  /** A subtask, as the coordinator sees it. */
  public interface Participant {
    /**
     * Asks a source subtask to inject barrier {@code checkpointId} at its next step. Returns false
     * if its input has ended, so it never will.
     */
    boolean triggerCheckpoint(long checkpointId);

    /** Checkpoint {@code checkpointId} is complete and committed. */
    void notifyCheckpointComplete(long checkpointId);
  }

  /** What a subtask acknowledges for one of its operators. */
  public record OperatorAck(String uid, CheckpointMetadata.SubtaskState state,
      List<Object> committables) {}

  /** An operator of the job: its uid, name and parallelism, for the metadata. */
  public record OperatorInfo(String uid, String name, int parallelism) {}

  private final String jobName;
  private final CheckpointConfig config;
  private final CheckpointStorage storage;
  private final String stateBackend;
  private final int maxParallelism;
  private final Map<String, OperatorInfo> operators = new LinkedHashMap<>();
  private final List<Participant> participants = new ArrayList<>();
  private final List<Participant> sources = new ArrayList<>();
  private final Map<String, Committer<Object>> committers;
  private final Consumer<Throwable> onFatal;
  private final ScheduledExecutorService scheduler;

  // Guarded by this.
  private long nextId;
  /** The periodic checkpoint or savepoint in flight, if any. */
  private Pending pending;
  /**
   * The final checkpoint, once the input has ended. Kept apart from {@link #pending}: a checkpoint
   * that was already completing when the input ended finishes alongside it.
   */
  private Pending finalPending;
  private boolean finalStarted;
  private long lastEndNanos;
  private long lastStartNanos;
  private final ArrayDeque<QueuedSavepoint> queuedSavepoints = new ArrayDeque<>();
  private boolean stopped;
  private volatile Path latestCompleted;
  private final CompletableFuture<Path> finalCheckpoint = new CompletableFuture<>();

  /**
   * @param firstId the number of the first checkpoint: above every number the job used before
   * @param committers the committer of each two-phase-commit sink, by the sink's uid
   * @param onFatal told when committing fails: the job must fail and recover
   */
  public CheckpointCoordinator(String jobName, CheckpointConfig config, CheckpointStorage storage,
      String stateBackend, int maxParallelism, List<OperatorInfo> operators, long firstId,
      Map<String, Committer<Object>> committers, Consumer<Throwable> onFatal) {
    this.jobName = jobName;
    this.config = config;
    this.storage = storage;
    this.stateBackend = stateBackend;
    this.maxParallelism = maxParallelism;
    operators.forEach(o -> this.operators.put(o.uid(), o));
    this.nextId = firstId;
    this.committers = Map.copyOf(committers);
    this.onFatal = onFatal;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "runnel-" + jobName + "-checkpoints");
      t.setDaemon(true);
      return t;
    });
    this.lastEndNanos = System.nanoTime();
    this.lastStartNanos = lastEndNanos;
  }

  private record QueuedSavepoint(Path directory, CompletableFuture<Path> result) {}

  /** Registers a subtask; {@code source} if it injects barriers. Before {@link #start()}. */
  public void register(Participant participant, boolean source) {
    participants.add(participant);
    if (source) {
      sources.add(participant);
    }
  }

  /** Starts taking periodic checkpoints. */
  public void start() {
    long millis = config.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::triggerPeriodic, millis, Math.min(millis, 50),
        TimeUnit.MILLISECONDS);
  }

  /** The folder of the newest checkpoint (not savepoint) this coordinator completed, or null. */
  public Path latestCompleted() {
    return latestCompleted;
  }

  /** Completes when the final checkpoint (taken as the input ends) is complete and committed. */
  public CompletableFuture<Path> finalCheckpoint() {
    return finalCheckpoint;
  }

  private synchronized void triggerPeriodic() {
    if (stopped || pending != null || finalStarted) {
      return;
    }
    if (!queuedSavepoints.isEmpty()) {
      startSavepoint(queuedSavepoints.poll());
      return;
    }
    long now = System.nanoTime();
    if (now - lastStartNanos < config.interval().toNanos()
        || now - lastEndNanos < config.minPauseBetweenCheckpoints().toNanos()) {
      return;
    }
    begin(CheckpointKind.CHECKPOINT, storage.checkpointDirectory(nextId), new CompletableFuture<>());
  }

  /**
   * Takes a savepoint into {@code directory/savepoint-<n>} as soon as no other checkpoint is in
   * flight; completes with its folder.
   */
  public CompletableFuture<Path> triggerSavepoint(Path directory) {
    CompletableFuture<Path> result = new CompletableFuture<>();
    synchronized (this) {
      if (stopped || finalStarted) {
        result.completeExceptionally(new IllegalStateException(
            "job '" + jobName + "' is " + (stopped ? "not running" : "finishing")
                + ": no savepoint can be taken"));
        return result;
      }
      QueuedSavepoint request = new QueuedSavepoint(directory, result);
      if (pending == null) {
        startSavepoint(request);
      } else {
        queuedSavepoints.add(request);
      }
    }
    return result;
  }

  // Called with the lock held.
  private void startSavepoint(QueuedSavepoint request) {
    begin(CheckpointKind.SAVEPOINT, request.directory().resolve("savepoint-" + nextId), request.result());
  }

  // Called with the lock held.
  private void failQueuedSavepoints(String reason) {
    QueuedSavepoint q;
    while ((q = queuedSavepoints.poll()) != null) {
      q.result().completeExceptionally(new IllegalStateException(
          "savepoint of job '" + jobName + "' not taken: " + reason));
    }
  }

  // Called with the lock held.
  private void begin(CheckpointKind kind, Path folder, CompletableFuture<Path> result) {
    long id = nextId++;
    lastStartNanos = System.nanoTime();
    try {
      CheckpointStorage.create(folder);
    } catch (IOException e) {
      LOG.warn("cannot create checkpoint folder {}: {}", folder, e.toString());
      result.completeExceptionally(e);
      return;
    }
    Pending p = new Pending(id, kind, folder, participants.size(), result);
    pending = p;
    p.timeout = scheduler.schedule(() -> abort(id, "it took longer than " + config.timeout()),
        config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    LOG.debug("{} {} of job '{}' started", kind, id, jobName);
    for (Participant source : sources) {
      if (!source.triggerCheckpoint(id)) {
        abort(id, "a source has already finished");
        return;
      }
    }
  }

  /**
   * Called by a subtask whose input has ended, before it takes its final snapshot: returns the
   * number of the final checkpoint, started on the first call. A checkpoint in flight is aborted,
   * since a finished source can no longer inject its barrier.
   */
  public synchronized long beginFinal() {
    if (!finalStarted) {
      finalStarted = true;
      if (pending != null && !pending.completing) {
        abortLocked(pending, "the input ended");
      }
      long id = nextId++;
      Path folder = storage.checkpointDirectory(id);
      try {
        CheckpointStorage.create(folder);
      } catch (IOException e) {
        finalCheckpoint.completeExceptionally(e);
      }
      finalPending = new Pending(id, CheckpointKind.CHECKPOINT, folder, participants.size(), finalCheckpoint);
      finalPending.isFinal = true;
      // No timeout here: other subtasks may run for long after the first input ended. The
      // supervisor bounds the wait once every subtask has finished.
      failQueuedSavepoints("the job is finishing");
    }
    return finalPending.id;
  }

  /** The checkpoint in flight with number {@code id}, or null. Called with the lock held. */
  private Pending inFlight(long id) {
    if (pending != null && pending.id == id) {
      return pending;
    }
    return finalPending != null && finalPending.id == id ? finalPending : null;
  }

  /** The folder that checkpoint {@code id} is written to, or null if it is no longer in flight. */
  public synchronized Path folderOf(long id) {
    Pending p = inFlight(id);
    return p == null ? null : p.folder;
  }

  /** A subtask has written its part of checkpoint {@code id}. */
  public void acknowledge(long id, List<OperatorAck> acks) {
    synchronized (this) {
      Pending p = inFlight(id);
      if (p == null || stopped) {
        return; // aborted meanwhile; its folder is gone or going
      }
      for (OperatorAck ack : acks) {
        p.states.computeIfAbsent(ack.uid(), u -> new ArrayList<>()).add(ack.state());
        if (!ack.committables().isEmpty()) {
          p.committables.computeIfAbsent(ack.uid(), u -> new ArrayList<>())
              .addAll(ack.committables());
        }
      }
      if (--p.awaiting > 0) {
        return;
      }
      if (p.timeout != null) {
        p.timeout.cancel(false);
      }
    }
    scheduler.execute(() -> complete(id));
  }

  /** A subtask could not take its part of checkpoint {@code id}: it is aborted. */
  public void decline(long id, Throwable cause) {
    LOG.warn("checkpoint {} of job '{}' declined: {}", id, jobName, cause.toString());
    abort(id, "a subtask failed to write its state: " + cause);
  }

  private synchronized void abort(long id, String reason) {
    Pending p = inFlight(id);
    if (p != null && !p.completing) {
      abortLocked(p, reason);
    }
  }

  private void abortLocked(Pending p, String reason) {
    abortLocked(p, reason, false);
  }

  /**
   * Aborts {@code p}. {@code expected}: the job is stopping (cancelled, finished or failed), so a
   * checkpoint in flight is given up as a matter of course and logged at info, not as a warning
   * on every Ctrl-C.
   */
  private void abortLocked(Pending p, String reason, boolean expected) {
    if (expected) {
      LOG.info("{} {} of job '{}' aborted: {}", p.kind, p.id, jobName, reason);
    } else {
      LOG.warn("{} {} of job '{}' aborted: {}", p.kind, p.id, jobName, reason);
    }
    if (p.timeout != null) {
      p.timeout.cancel(false);
    }
    release(p);
    CheckpointStorage.discard(p.folder);
    p.result.completeExceptionally(
        new IllegalStateException(p.kind + " " + p.id + " was aborted: " + reason));
  }

  private void complete(long id) {
    Pending p;
    synchronized (this) {
      p = inFlight(id);
      if (p == null || stopped) {
        return;
      }
      p.completing = true;
    }
    try {
      CheckpointStorage.writeMetadata(p.folder, metadata(p));
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        p.completing = false;
        abortLocked(p, "writing its metadata failed: " + e);
      }
      return;
    }
    LOG.info("{} {} of job '{}' complete: {}", p.kind, id, jobName, p.folder);
    try {
      commit(p);
    } catch (Exception e) {
      synchronized (this) {
        release(p);
      }
      p.result.completeExceptionally(e);
      onFatal.accept(e);
      return;
    }
    for (Participant participant : participants) {
      participant.notifyCheckpointComplete(id);
    }
    if (p.kind == CheckpointKind.CHECKPOINT) {
      latestCompleted = p.folder;
      try {
        storage.applyRetention(config.retainedCheckpoints(), p.folder);
      } catch (IOException e) {
        LOG.warn("cannot delete old checkpoints of job '{}': {}", jobName, e.toString());
      }
    }
    synchronized (this) {
      release(p);
      if (!queuedSavepoints.isEmpty() && !finalStarted && !stopped) {
        startSavepoint(queuedSavepoints.poll());
      }
    }
    p.result.complete(p.folder);
  }

  @SuppressWarnings("unchecked")
  private void commit(Pending p) throws Exception {
    for (Map.Entry<String, List<Object>> e : p.committables.entrySet()) {
      Committer<Object> committer = committers.get(e.getKey());
      if (committer == null) {
        throw new IllegalStateException("no committer for sink '" + e.getKey() + "'");
      }
      committer.commit(e.getValue());
    }
  }

  /** {@code p} is no longer in flight. Called with the lock held. */
  private void release(Pending p) {
    if (pending == p) {
      pending = null;
    }
    if (finalPending == p) {
      finalPending = null;
    }
    lastEndNanos = System.nanoTime();
  }

  private CheckpointMetadata metadata(Pending p) {
    List<CheckpointMetadata.OperatorState> ops = new ArrayList<>();
    for (Map.Entry<String, List<CheckpointMetadata.SubtaskState>> e : p.states.entrySet()) {
      OperatorInfo info = operators.get(e.getKey());
      List<CheckpointMetadata.SubtaskState> subtasks = new ArrayList<>(e.getValue());
      subtasks.sort(Comparator.comparingInt(CheckpointMetadata.SubtaskState::subtask));
      ops.add(new CheckpointMetadata.OperatorState(
          e.getKey(), info == null ? e.getKey() : info.name(),
          info == null ? subtasks.size() : info.parallelism(), subtasks));
    }
    return new CheckpointMetadata(CheckpointStorage.LAYOUT_VERSION, jobName, p.id,
        System.currentTimeMillis(), p.kind, p.isFinal, stateBackend, maxParallelism, ops);
  }

  /**
   * Stops taking checkpoints: aborts the one in flight (but not a final checkpoint that is
   * completing) and ends the scheduler thread once its work is done.
   */
  public void shutdown() {
    synchronized (this) {
      stopped = true;
      if (pending != null && !pending.completing) {
        abortLocked(pending, "the job stopped", true);
      }
      if (finalPending != null && !finalPending.completing) {
        abortLocked(finalPending, "the job stopped", true);
      }
      failQueuedSavepoints("the job stopped");
    }
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!finalCheckpoint.isDone()) {
      finalCheckpoint.completeExceptionally(
          new IllegalStateException("job '" + jobName + "' stopped before its final checkpoint"));
    }
  }

  private static final class Pending {
    final long id;
    final CheckpointKind kind;
    final Path folder;
    final CompletableFuture<Path> result;
    final Map<String, List<CheckpointMetadata.SubtaskState>> states = new LinkedHashMap<>();
    final Map<String, List<Object>> committables = new LinkedHashMap<>();
    int awaiting;
    boolean isFinal;
    boolean completing;
    ScheduledFuture<?> timeout;

    Pending(long id, CheckpointKind kind, Path folder, int awaiting, CompletableFuture<Path> result) {
      this.id = id;
      this.kind = kind;
      this.folder = folder;
      this.awaiting = awaiting;
      this.result = result;
    }
  }
}
