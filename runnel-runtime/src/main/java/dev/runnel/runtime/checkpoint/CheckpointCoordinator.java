package dev.runnel.runtime.checkpoint;

import dev.runnel.api.checkpoint.CheckpointConfig;
import dev.runnel.api.connector.Committer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
 *       <i>n</i> by asking every source subtask that has not finished to inject barrier <i>n</i>;
 *   <li>each subtask, once its barriers are aligned, snapshots its operators and acknowledges with
 *       the handles of what it wrote, from a checkpoint I/O thread;
 *   <li>when every subtask has acknowledged, it writes {@code _metadata} last and atomically, which
 *       completes the checkpoint; then it commits what two-phase-commit sinks pre-committed, tells
 *       the subtasks, and deletes checkpoints beyond the retained number.
 * </ol>
 *
 * A checkpoint that times out or that a subtask declines is aborted: its folder is deleted and the
 * job goes on. One checkpoint is in flight at a time; a savepoint asked for meanwhile waits its
 * turn.
 *
 * <p><b>Subtasks that finish.</b> When a subtask's input ends, it takes a final snapshot and
 * writes it into a folder of this run ({@link #finishedStateFolder()}), then reports it with
 * {@link #finished}. From then on the coordinator answers for it: the final state is its
 * acknowledgement of the checkpoint in flight (if it had not acknowledged that one itself) and of
 * every later one, whose folder gets hard links to its files. It gets no more triggers, so a
 * finished source injects no barrier; downstream, its channels have ended and count as aligned.
 * This is consistent: a subtask finishes only after everything it will ever emit is on its
 * channels, and a consumer aligns a checkpoint only once each channel has delivered the barrier
 * or ended, so every consumer's snapshot holds all of a finished producer's output. The
 * committables in a final state are committed with the first checkpoint that completes with it,
 * and never again. Once every subtask has finished, the <i>final</i> checkpoint (metadata {@code
 * finished: true}) is taken from the final states alone and commits the job's last output.
 *
 * <p>Thread-safe: subtasks call in from their threads; the coordinator's own work runs on its
 * {@link CheckpointScheduler}, which also gives it the time.
 */
public final class CheckpointCoordinator {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);

  /** Periodic checkpoints are considered this often at most, so that one is late by no more. */
  private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** A subtask, as the coordinator sees it. */
  public interface Participant {
    /**
     * Asks a source subtask to inject barrier {@code checkpointId} at its next step. A subtask
     * that has finished meanwhile ignores it: its final state ({@link #finished}) answers for it.
     */
    void triggerCheckpoint(long checkpointId);

    /** Checkpoint {@code checkpointId} is complete and committed. Not told to finished subtasks. */
    void notifyCheckpointComplete(long checkpointId);
  }

  /** What a subtask acknowledges for one of its operators. */
  public record OperatorAck(String uid, CheckpointMetadata.SubtaskState state,
      List<Object> committables) {}

  /** An operator of the job: its uid, name and parallelism, for the metadata. */
  public record OperatorInfo(String uid, String name, int parallelism) {}

  /** A registered subtask. */
  private static final class Slot {
    final int index;
    final Participant participant;
    final boolean source;
    /** Its final state, once it has finished. */
    FinalState finalState;

    Slot(int index, Participant participant, boolean source) {
      this.index = index;
      this.participant = participant;
      this.source = source;
    }
  }

  /** The final snapshot of a finished subtask, in {@link #finishedFolder}. */
  private static final class FinalState {
    final List<OperatorAck> acks;
    /** Whether a completed checkpoint has committed its committables; guarded by the coordinator. */
    boolean committed;

    FinalState(List<OperatorAck> acks) {
      this.acks = List.copyOf(acks);
    }
  }

  private final String jobName;
  private final CheckpointConfig config;
  private final CheckpointStorage storage;
  private final String stateBackend;
  private final int maxParallelism;
  private final Map<String, OperatorInfo> operators = new LinkedHashMap<>();
  private final List<Slot> slots = new ArrayList<>();
  private final Map<Participant, Slot> slotOf = new IdentityHashMap<>();
  private final Map<String, Committer<Object>> committers;
  private final Consumer<Throwable> onFatal;
  private final CheckpointScheduler scheduler;
  private final Path finishedFolder;

  // Guarded by this.
  private long nextId;
  /** The periodic checkpoint or savepoint in flight, if any. */
  private Pending pending;
  /**
   * The final checkpoint, once every subtask has finished. Kept apart from {@link #pending}: the
   * checkpoint in flight then completes too, from the same final states, just before it.
   */
  private Pending finalPending;
  private boolean finalStarted;
  private int finishedCount;
  private boolean finishedFolderCreated;
  private long lastEndNanos;
  private long lastStartNanos;
  private final ArrayDeque<QueuedSavepoint> queuedSavepoints = new ArrayDeque<>();
  private boolean stopped;
  private CheckpointScheduler.Cancellable periodic;
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
    this(jobName, config, storage, stateBackend, maxParallelism, operators, firstId, committers,
        onFatal, CheckpointScheduler.system("runnel-" + jobName + "-checkpoints"));
  }

  /** As above, with the clock and thread of {@code scheduler} (tests give a manual one). */
  public CheckpointCoordinator(String jobName, CheckpointConfig config, CheckpointStorage storage,
      String stateBackend, int maxParallelism, List<OperatorInfo> operators, long firstId,
      Map<String, Committer<Object>> committers, Consumer<Throwable> onFatal,
      CheckpointScheduler scheduler) {
    this.jobName = jobName;
    this.config = config;
    this.storage = storage;
    this.stateBackend = stateBackend;
    this.maxParallelism = maxParallelism;
    operators.forEach(o -> this.operators.put(o.uid(), o));
    this.nextId = firstId;
    this.committers = Map.copyOf(committers);
    this.onFatal = onFatal;
    this.scheduler = scheduler;
    // Unique per run and attempt: a late write of a stopped attempt must not land in this one's.
    storage.discardFinishedStateDirectories();
    this.finishedFolder = storage.finishedStateDirectory(
        firstId + "-" + UUID.randomUUID().toString().substring(0, 8));
    this.lastEndNanos = scheduler.nanoTime();
    this.lastStartNanos = lastEndNanos;
  }

  private record QueuedSavepoint(Path directory, CompletableFuture<Path> result) {}

  /** Registers a subtask; {@code source} if it injects barriers. Before {@link #start()}. */
  public synchronized void register(Participant participant, boolean source) {
    Slot slot = new Slot(slots.size(), participant, source);
    slots.add(slot);
    slotOf.put(participant, slot);
  }

  /** Starts taking periodic checkpoints. */
  public synchronized void start() {
    long interval = config.interval().toNanos();
    periodic = scheduler.scheduleWithFixedDelay(this::triggerPeriodic, interval,
        Math.min(interval, MAX_TICK_NANOS));
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
    long now = scheduler.nanoTime();
    if (now - lastStartNanos < config.interval().toNanos()
        || now - lastEndNanos < config.minPauseBetweenCheckpoints().toNanos()) {
      return;
    }
    if (everySourceFinished()) {
      // Nothing new can enter the job; the final checkpoint follows once the rest has drained.
      return;
    }
    begin(CheckpointKind.CHECKPOINT, storage.checkpointDirectory(nextId), new CompletableFuture<>());
  }

  private boolean everySourceFinished() {
    for (Slot s : slots) {
      if (s.source && s.finalState == null) {
        return false;
      }
    }
    return true;
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
    lastStartNanos = scheduler.nanoTime();
    try {
      CheckpointStorage.create(folder);
    } catch (IOException e) {
      LOG.warn("cannot create checkpoint folder {}: {}", folder, e.toString());
      result.completeExceptionally(e);
      return;
    }
    Pending p = new Pending(id, kind, folder, slots.size(), result);
    pending = p;
    p.timeout = scheduler.schedule(() -> abort(id, "it took longer than " + config.timeout()),
        config.timeout().toNanos());
    LOG.debug("{} {} of job '{}' started", kind, id, jobName);
    for (Slot s : slots) {
      if (s.finalState != null && !reuseFinalState(p, s)) {
        return; // aborted
      }
    }
    for (Slot s : slots) {
      if (s.source && s.finalState == null) {
        s.participant.triggerCheckpoint(id);
      }
    }
  }

  /**
   * The number a finishing subtask takes its final snapshot under (what a sink's pre-commit is
   * told): the next checkpoint's, the first one its final state can be part of from the start.
   */
  public synchronized long finalSnapshotId() {
    return nextId;
  }

  /**
   * Where a finishing subtask writes its final snapshot (created on the first call), or null if
   * the coordinator has stopped.
   */
  public synchronized Path finishedStateFolder() throws IOException {
    if (stopped) {
      return null;
    }
    if (!finishedFolderCreated) {
      CheckpointStorage.create(finishedFolder);
      finishedFolderCreated = true;
    }
    return finishedFolder;
  }

  /**
   * A subtask's input has ended and its final snapshot, {@code acks}, is written in {@link
   * #finishedStateFolder()}: it answers for the subtask from now on. Called from the checkpoint I/O
   * thread, after every acknowledgement the subtask wrote before.
   */
  public synchronized void finished(Participant participant, List<OperatorAck> acks) {
    Slot s = slotOf.get(participant);
    if (stopped || s == null || s.finalState != null) {
      return;
    }
    s.finalState = new FinalState(acks);
    finishedCount++;
    LOG.debug("subtask {} of job '{}' finished; {} of {} have", s.index, jobName, finishedCount,
        slots.size());
    if (pending != null && !pending.acked[s.index]) {
      reuseFinalState(pending, s); // it finished before it got to this checkpoint's barrier
    }
    if (finishedCount == slots.size()) {
      startFinal();
    }
  }

  /**
   * A finishing subtask could not take or write its final snapshot. No checkpoint can include it
   * any more, so the job fails, and recovers from its last checkpoint.
   */
  public void finishFailed(Participant participant, Throwable cause) {
    IllegalStateException failure = new IllegalStateException(
        "a subtask of job '" + jobName + "' could not write its final state: " + cause, cause);
    synchronized (this) {
      if (stopped) {
        return;
      }
      if (pending != null && !pending.completing) {
        abortLocked(pending, failure.getMessage());
      }
    }
    finalCheckpoint.completeExceptionally(failure);
    onFatal.accept(failure);
  }

  /** Every subtask has finished: the final checkpoint, from their final states alone. */
  private void startFinal() {
    finalStarted = true;
    failQueuedSavepoints("the job is finishing");
    long id = nextId++;
    Path folder = storage.checkpointDirectory(id);
    try {
      CheckpointStorage.create(folder);
    } catch (IOException e) {
      finalCheckpoint.completeExceptionally(e);
      return;
    }
    finalPending = new Pending(id, CheckpointKind.CHECKPOINT, folder, slots.size(), finalCheckpoint);
    finalPending.isFinal = true;
    for (Slot s : slots) {
      if (!reuseFinalState(finalPending, s)) {
        return;
      }
    }
  }

  /**
   * Makes {@code s}'s final state its acknowledgement of {@code p}: links its files into {@code
   * p}'s folder. Returns false if that failed, and {@code p} was aborted. Called with the lock held.
   */
  private boolean reuseFinalState(Pending p, Slot s) {
    FinalState f = s.finalState;
    try {
      for (OperatorAck ack : f.acks) {
        CheckpointStorage.linkState(finishedFolder, p.folder, ack.state());
      }
    } catch (IOException | RuntimeException e) {
      abortLocked(p, "cannot link the final state of a finished subtask: " + e);
      return false;
    }
    p.reused.add(f);
    for (OperatorAck ack : f.acks) {
      p.states.computeIfAbsent(ack.uid(), u -> new ArrayList<>()).add(ack.state());
    }
    acked(p, s);
    return true;
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

  /** Subtask {@code participant} has written its part of checkpoint {@code id}. */
  public synchronized void acknowledge(Participant participant, long id, List<OperatorAck> acks) {
    Pending p = inFlight(id);
    Slot s = slotOf.get(participant);
    if (p == null || stopped || s == null || p.acked[s.index]) {
      return; // aborted meanwhile (its folder is gone or going), or answered already
    }
    for (OperatorAck ack : acks) {
      p.states.computeIfAbsent(ack.uid(), u -> new ArrayList<>()).add(ack.state());
      if (!ack.committables().isEmpty()) {
        p.committables.computeIfAbsent(ack.uid(), u -> new ArrayList<>())
            .addAll(ack.committables());
      }
    }
    acked(p, s);
  }

  /** Counts {@code s}'s acknowledgement of {@code p}; completes it with the last. Lock held. */
  private void acked(Pending p, Slot s) {
    p.acked[s.index] = true;
    if (--p.awaiting > 0) {
      return;
    }
    if (p.timeout != null) {
      p.timeout.cancel();
    }
    long id = p.id;
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
      p.timeout.cancel();
    }
    release(p);
    CheckpointStorage.discard(p.folder);
    p.result.completeExceptionally(
        new IllegalStateException(p.kind + " " + p.id + " was aborted: " + reason));
  }

  private void complete(long id) {
    Pending p;
    List<FinalState> firstCommit = new ArrayList<>();
    synchronized (this) {
      p = inFlight(id);
      if (p == null || stopped) {
        return;
      }
      p.completing = true;
      // Final states whose committables no completed checkpoint has committed yet.
      for (FinalState f : p.reused) {
        if (!f.committed) {
          firstCommit.add(f);
        }
      }
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
      commit(p, firstCommit);
    } catch (Exception e) {
      synchronized (this) {
        release(p);
      }
      p.result.completeExceptionally(e);
      onFatal.accept(e);
      return;
    }
    List<Participant> running = new ArrayList<>();
    synchronized (this) {
      firstCommit.forEach(f -> f.committed = true);
      for (Slot s : slots) {
        if (s.finalState == null) {
          running.add(s.participant);
        }
      }
    }
    for (Participant participant : running) {
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

  /**
   * Commits what the running subtasks pre-committed for {@code p}, and the committables of the
   * final states in {@code firstCommit}; those of final states an earlier checkpoint committed
   * are not committed again.
   */
  private void commit(Pending p, List<FinalState> firstCommit) throws Exception {
    Map<String, List<Object>> all = new LinkedHashMap<>();
    p.committables.forEach((uid, list) -> all.computeIfAbsent(uid, u -> new ArrayList<>())
        .addAll(list));
    for (FinalState f : firstCommit) {
      for (OperatorAck ack : f.acks) {
        if (!ack.committables().isEmpty()) {
          all.computeIfAbsent(ack.uid(), u -> new ArrayList<>()).addAll(ack.committables());
        }
      }
    }
    for (Map.Entry<String, List<Object>> e : all.entrySet()) {
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
    lastEndNanos = scheduler.nanoTime();
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
   * completing), ends the scheduler once its work is done, and deletes this run's final states
   * (every completed checkpoint has its own links to them).
   */
  public void shutdown() {
    synchronized (this) {
      stopped = true;
      if (periodic != null) {
        periodic.cancel();
      }
      if (pending != null && !pending.completing) {
        abortLocked(pending, "the job stopped", true);
      }
      if (finalPending != null && !finalPending.completing) {
        abortLocked(finalPending, "the job stopped", true);
      }
      failQueuedSavepoints("the job stopped");
    }
    scheduler.shutdown();
    CheckpointStorage.discard(finishedFolder);
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
    /** Final states of finished subtasks that answer for them here. */
    final List<FinalState> reused = new ArrayList<>();
    /** Per participant, whether it has answered. */
    final boolean[] acked;
    int awaiting;
    boolean isFinal;
    boolean completing;
    CheckpointScheduler.Cancellable timeout;

    Pending(long id, CheckpointKind kind, Path folder, int participants,
        CompletableFuture<Path> result) {
      this.id = id;
      this.kind = kind;
      this.folder = folder;
      this.awaiting = participants;
      this.acked = new boolean[participants];
      this.result = result;
    }
  }
}
