package dev.runnel.test;

import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.state.StateBackend;
import dev.runnel.runtime.checkpoint.OperatorRestore;
import dev.runnel.runtime.checkpoint.OperatorSnapshotData;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.StreamOperator;
import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyGroups;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.KeyedStateHandle;
import dev.runnel.runtime.state.RestoredKeyedState;
import dev.runnel.runtime.state.StateBackends;
import dev.runnel.runtime.time.ProcessingTimeService;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the one- and two-input operator harnesses share: configuration (subtask, key groups, name,
 * state backend), the lifecycle of the operator, its keyed state backend and processing-time clock,
 * the recorded output, and checkpoints: {@link #snapshot} and restoring a new harness from
 * snapshots ({@link #restoredFrom(OperatorSnapshot)}, {@link #restoreFrom(List)}).
 *
 * <p><b>Snapshot and restore</b> run the steps a job runs. {@link #snapshot} calls the operator's
 * {@code snapshotState} and the keyed state backend's {@code snapshot}, and writes both into a new
 * checkpoint folder. A restored harness, on {@link #open}, creates the keyed state backend, restores
 * into it the keyed state of every snapshot whose key groups overlap its own, sets up and opens the
 * operator, then calls its {@code restoreState} with the snapshots' operator state: keyed streams of
 * its key groups only, operator-state lists dealt round robin if the parallelism changed. So a
 * restore at another parallelism (rescaling) works as in a job:
 *
 * <pre>{@code
 * OperatorSnapshot s0 = subtask0.snapshot(1), s1 = subtask1.snapshot(1);
 * try (var merged = subtask0.restoredFrom(List.of(s0, s1)).subtask(0, 1)) {
 *   merged.open(); // owns all key groups, with the state and timers of both old subtasks
 * }
 * }</pre>
 *
 * The restore goes through the runtime's {@code OperatorRestore}, the code the job deployer
 * restores a checkpoint with, so a harness test of restoring shows what a job does. Snapshots of
 * old subtasks that are not given count as empty. Every snapshot must have the same
 * max parallelism as the harness, and the old parallelism of all of them must agree.
 *
 * @param <O> main output type
 * @param <H> the harness's own type, returned by the configuration methods
 */
@Public
public abstract class AbstractOperatorHarness<O, H extends AbstractOperatorHarness<O, H>>
    implements AutoCloseable {
  /** The job name the operator's {@code RuntimeContext} reports. */
  public static final String JOB_NAME = "operator-harness";

  enum Phase { CREATED, OPEN, FINISHED, FAILED, CLOSED }

  // Configuration: fixed once open() has run.
  private final boolean keyed;
  String operatorName;
  int subtaskIndex = 0;
  int parallelism = 1;
  int maxParallelism = StreamEnvironment.DEFAULT_MAX_PARALLELISM;
  private StateBackend stateBackend = StateBackend.heap();
  private List<OperatorSnapshot> restoreFrom;

  // Processing time is the harness's own clock: it moves only when the test moves it.
  private long processingTimeMillis = 0;
  final ProcessingTimeService processingTime =
      new ProcessingTimeService(() -> processingTimeMillis);

  // The running operator, created by open().
  Phase phase = Phase.CREATED;
  OperatorContext context;
  final RecordingOutput output = new RecordingOutput();
  KeyGroupRange keyGroups;
  private StreamOperator operator;
  private KeyedStateBackend keyedState;
  private Path localDirectory;

  AbstractOperatorHarness(String defaultName, boolean keyed) {
    this.operatorName = defaultName;
    this.keyed = keyed;
  }

  /** The runtime's operator, around fresh copies of the function (and key selectors). */
  abstract StreamOperator createOperator();

  /** The watermark interval the operator's context reports. */
  long watermarkIntervalMillis() {
    return 0;
  }

  /** Called in {@link #open} before the operator is created: set up key ownership checks. */
  void beforeOpen() {}

  /** A new, unopened harness for the same function and specifics (not the common configuration). */
  abstract H newHarness();

  /** How many inputs the operator has (1 or 2). */
  abstract int inputCount();

  /** Processes element {@code value} of input {@code input} (1 or 2), as the public methods do. */
  abstract void processInput(int input, Object value, long timestamp);

  /** Input {@code input}'s watermark (1 or 2; 0 for every input) reaches {@code watermark}. */
  abstract void processWatermarkOf(int input, long watermark);

  /** A fresh copy of input {@code input}'s key selector; null if the operator is not keyed. */
  abstract KeySelector<Object, Object> keySelectorOf(int input);

  /** Whether the operator is keyed: keyed state, timers, key groups. */
  boolean isKeyed() {
    return keyed;
  }

  /** The max parallelism (number of key groups) the harness runs with. */
  int maxParallelismValue() {
    return maxParallelism;
  }

  @SuppressWarnings("unchecked")
  private H self() {
    return (H) this;
  }

  /**
   * Runs the operator as subtask {@code subtaskIndex} of {@code parallelism} (default 0 of 1). For a
   * keyed operator this decides which key groups it owns. Call before {@link #open}.
   */
  public H subtask(int subtaskIndex, int parallelism) {
    checkPhase(Phase.CREATED, "subtask(...) configures the operator: call it before open()");
    if (parallelism < 1 || subtaskIndex < 0 || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException("need 0 <= subtaskIndex < parallelism, got subtask "
          + subtaskIndex + " of " + parallelism);
    }
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
    return self();
  }

  /** The number of key groups (default 128), as {@code StreamEnvironment.setMaxParallelism}. */
  public H maxParallelism(int maxParallelism) {
    checkPhase(Phase.CREATED, "maxParallelism(...) configures the operator: call it before open()");
    if (maxParallelism < 1 || maxParallelism > 32768) {
      throw new IllegalArgumentException(
          "max parallelism must be between 1 and 32768, was " + maxParallelism);
    }
    this.maxParallelism = maxParallelism;
    return self();
  }

  /** The operator's name, as reported to the function and in failures. Call before {@link #open}. */
  public H operatorName(String name) {
    checkPhase(Phase.CREATED, "operatorName(...) configures the operator: call it before open()");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("operator name must not be blank");
    }
    this.operatorName = name;
    return self();
  }

  /**
   * Where a keyed operator keeps its keyed state (default {@link StateBackend#heap()}): any backend
   * on the classpath, found by {@link StateBackends#factoryFor(StateBackend)}, with a temporary
   * local folder. Call before {@link #open}.
   *
   * @throws IllegalArgumentException if no backend of that name is on the classpath
   */
  public H stateBackend(StateBackend backend) {
    checkPhase(Phase.CREATED, "stateBackend(...) configures the operator: call it before open()");
    StateBackends.factoryFor(Objects.requireNonNull(backend, "backend")); // fails early if unknown
    this.stateBackend = backend;
    return self();
  }

  /** The state backend the harness uses. */
  public StateBackend stateBackend() {
    return stateBackend;
  }

  /**
   * Makes {@link #open} restore the operator from {@code snapshots}: snapshots of subtasks of one
   * earlier run of this operator, at any parallelism (this harness's {@link #subtask} decides
   * which key groups and which share of operator state it takes). The processing-time clock starts
   * at the latest clock of the snapshots. Call before {@link #open}.
   *
   * @throws IllegalArgumentException if the snapshots disagree on their parallelism, repeat a
   *     subtask, or have another max parallelism than this harness
   */
  public H restoreFrom(List<OperatorSnapshot> snapshots) {
    checkPhase(Phase.CREATED, "restoreFrom(...) configures the operator: call it before open()");
    if (snapshots.isEmpty()) {
      throw new IllegalArgumentException("restoreFrom(...) needs at least one snapshot");
    }
    int oldParallelism = snapshots.get(0).parallelism();
    boolean[] seen = new boolean[oldParallelism];
    for (OperatorSnapshot s : snapshots) {
      if (s.parallelism() != oldParallelism) {
        throw new IllegalArgumentException("snapshots of one restore must come from one run, but "
            + "they were taken at parallelism " + oldParallelism + " and " + s.parallelism());
      }
      if (seen[s.subtaskIndex()]) {
        throw new IllegalArgumentException("two snapshots of subtask " + s.subtaskIndex());
      }
      seen[s.subtaskIndex()] = true;
      if ((s.keyGroups() != null) != keyed) {
        throw new IllegalArgumentException(s + " is of " + (keyed ? "an unkeyed" : "a keyed")
            + " operator, this harness's is " + (keyed ? "keyed" : "not keyed"));
      }
      processingTimeMillis = Math.max(processingTimeMillis, s.processingTime());
    }
    this.restoreFrom = List.copyOf(snapshots);
    return self();
  }

  /** {@link #restoreFrom(List)} with these snapshots. */
  public H restoreFrom(OperatorSnapshot... snapshots) {
    return restoreFrom(List.of(snapshots));
  }

  /**
   * A new, unopened harness for the same function, configured as this one (name, subtask, max
   * parallelism, state backend, ...), that restores {@code snapshot} when opened, as the same
   * subtask of the same parallelism as the snapshot's.
   */
  public H restoredFrom(OperatorSnapshot snapshot) {
    return restoredFrom(List.of(snapshot)).subtask(snapshot.subtaskIndex(), snapshot.parallelism());
  }

  /**
   * A new, unopened harness for the same function, configured as this one (name, subtask, max
   * parallelism, state backend, ...), that restores {@code snapshots} when opened: call {@link
   * #subtask} on it to restore at another parallelism (rescaling).
   */
  public H restoredFrom(List<OperatorSnapshot> snapshots) {
    H next = newHarness();
    AbstractOperatorHarness<O, H> n = next;
    n.operatorName = operatorName;
    n.subtaskIndex = subtaskIndex;
    n.parallelism = parallelism;
    n.maxParallelism = maxParallelism;
    n.stateBackend = stateBackend;
    n.processingTimeMillis = processingTimeMillis;
    return next.restoreFrom(snapshots);
  }

  /**
   * Creates the operator around a fresh copy of the function, sets it up and opens it (which opens
   * a rich function). For a keyed operator it first creates the keyed state backend. When the
   * harness restores ({@link #restoreFrom}), the keyed state is restored before the operator opens,
   * and the operator's own state right after.
   *
   * @throws OperatorException if opening or restoring fails
   */
  public void open() {
    checkPhase(Phase.CREATED, "open() may be called once");
    if (restoreFrom != null) {
      for (OperatorSnapshot s : restoreFrom) {
        if (s.maxParallelism() != maxParallelism) {
          throw new IllegalStateException(s + " has max parallelism " + s.maxParallelism()
              + ", this harness " + maxParallelism + ": key groups cannot change");
        }
      }
    }
    if (keyed) {
      if (parallelism > maxParallelism) {
        throw new IllegalStateException("parallelism " + parallelism
            + " exceeds max parallelism " + maxParallelism + ": a keyed subtask would own no key");
      }
      keyGroups = KeyGroups.rangeOf(subtaskIndex, maxParallelism, parallelism);
    }
    OperatorRestore restore = restoreFrom == null ? null : restoreOfSnapshots();
    if (keyed) {
      keyedState = createKeyedState(restore);
    }
    beforeOpen();
    context = new OperatorContext(JOB_NAME, operatorName, subtaskIndex, parallelism,
        maxParallelism, keyedState, processingTime, watermarkIntervalMillis());
    operator = createOperator();
    operator.setup(context, output);
    phase = Phase.OPEN;
    call(operator::open);
    if (restore != null) {
      OperatorStateReader reader = restore.reader(subtaskIndex, parallelism, keyGroups);
      call(() -> operator.restoreState(reader));
    }
  }

  /** Through the runtime's restore path, as a job deployer creates and restores the backend. */
  private KeyedStateBackend createKeyedState(OperatorRestore restore) {
    KeyedStateBackendFactory factory = StateBackends.factoryFor(stateBackend);
    localDirectory = TempDirectories.create("runnel-harness-state-");
    return OperatorRestore.createKeyedStateBackend(factory, new KeyedStateBackendFactory.Parameters(
        JOB_NAME, operatorName, subtaskIndex, keyGroups, maxParallelism, processingTime::now,
        stateBackend, localDirectory), restore,
        operatorName + " (" + (subtaskIndex + 1) + "/" + parallelism + ")");
  }

  /**
   * The snapshots as the runtime restores a checkpoint: the old subtasks' operator state by old
   * subtask index (those not given count as empty) and their keyed-state handles.
   */
  private OperatorRestore restoreOfSnapshots() {
    int oldParallelism = restoreFrom.get(0).parallelism();
    List<OperatorSnapshotData> old = new ArrayList<>(oldParallelism);
    for (int i = 0; i < oldParallelism; i++) {
      old.add(new OperatorSnapshotData(null, Map.of(), Map.of()));
    }
    List<RestoredKeyedState> keyed = new ArrayList<>();
    for (OperatorSnapshot s : restoreFrom) {
      old.set(s.subtaskIndex(), s.operatorState());
      if (s.keyedState() != null) {
        keyed.add(new RestoredKeyedState(s.directory(), s.keyedState()));
      }
    }
    return new OperatorRestore(old, keyed, "the harness snapshots " + restoreFrom);
  }

  /**
   * Takes a checkpoint of the operator now, between two elements, as a job's checkpoint {@code
   * checkpointId} does: the operator's {@code snapshotState} and its keyed state backend's snapshot,
   * both written into a new checkpoint folder. The operator goes on running.
   *
   * @throws OperatorException if the operator or its state backend fails to snapshot
   */
  public OperatorSnapshot snapshot(long checkpointId) {
    checkPhase(Phase.OPEN, "snapshot(...) needs an open operator whose input has not ended");
    OperatorSnapshotWriter writer =
        new OperatorSnapshotWriter(checkpointId, keyGroups, maxParallelism);
    OperatorSnapshot[] taken = new OperatorSnapshot[1];
    call(() -> {
      operator.snapshotState(writer);
      Path directory = TempDirectories.create("runnel-harness-chk-" + checkpointId + "-");
      String stem = operatorName.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + subtaskIndex;
      KeyedStateHandle handle = keyedState == null ? null
          : keyedState.snapshot(checkpointId).write(directory, stem);
      OperatorSnapshotData data = writeAndReadBack(writer.toData(), directory.resolve(
          stem + "-operator.bin"));
      taken[0] = new OperatorSnapshot(checkpointId, operatorName, subtaskIndex, parallelism,
          maxParallelism, keyGroups, data, handle, directory, stateBackend.name(),
          processingTimeMillis);
    });
    return taken[0];
  }

  /** Through the state file format, as a job's checkpoint stores and restores it. */
  private static OperatorSnapshotData writeAndReadBack(OperatorSnapshotData data, Path file)
      throws IOException {
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(file)))) {
      data.writeTo(out);
    }
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file)))) {
      return OperatorSnapshotData.readFrom(in);
    }
  }

  /**
   * Sets the processing-time clock to {@code time} (epoch milliseconds) and runs everything due
   * by then, in time order: processing-time timers, periodic watermark emission. The clock starts
   * at 0 (or at the snapshot's clock for a restored harness) and never moves by itself, so tests of
   * processing time are deterministic.
   *
   * @throws IllegalArgumentException if {@code time} is before the clock's current time
   * @throws OperatorException if a callback fails
   */
  public void setProcessingTime(long time) {
    checkPhase(Phase.OPEN, "setProcessingTime(...) needs an open operator whose input has not ended");
    if (time < processingTimeMillis) {
      throw new IllegalArgumentException(
          "processing time cannot go back from " + processingTimeMillis + " to " + time);
    }
    processingTimeMillis = time;
    call(processingTime::fireDue);
  }

  /** The processing-time clock of the harness. */
  public long processingTime() {
    return processingTimeMillis;
  }

  /**
   * Ends the input normally: calls the operator's {@code finish()}, in which it emits whatever it
   * still holds back. After it, only {@link #close} is allowed.
   *
   * @throws OperatorException if finishing fails
   */
  public void endInput() {
    checkPhase(Phase.OPEN, "endInput() needs an open operator whose input has not ended");
    call(operator::finish);
    phase = Phase.FINISHED;
  }

  /**
   * Closes the operator (and a rich function), as a job does at its end, also after a failure, and
   * then its keyed state backend. Calling it again, or on a harness never opened, does nothing.
   * The output stays readable; snapshots taken stay restorable.
   *
   * @throws OperatorException if closing fails
   */
  @Override
  public void close() {
    if (phase == Phase.CLOSED) {
      return;
    }
    boolean opened = phase != Phase.CREATED;
    phase = Phase.CLOSED;
    try {
      if (opened) {
        operator.close();
      }
    } catch (Exception e) {
      throw context.failureOf(e);
    } finally {
      if (keyedState != null) {
        keyedState.close();
        keyedState = null;
      }
      if (localDirectory != null) {
        TempDirectories.delete(localDirectory);
        localDirectory = null;
      }
    }
  }

  /** The operator under test, once {@link #open} has created it. */
  StreamOperator operator() {
    return operator;
  }

  /** The values emitted to the main output so far, in order. */
  public List<O> output() {
    return output.mainValues();
  }

  /**
   * The main output so far with each value's timestamp ({@code null} for none): operators stamp
   * what they emit with the timestamp of the element being processed.
   */
  public List<TimestampedValue<O>> outputWithTimestamps() {
    return output.mainWithTimestamps();
  }

  /** The values emitted to side output {@code tag} so far, in order; empty if none. */
  public <X> List<X> sideOutput(OutputTag<X> tag) {
    return output.sideValues(Objects.requireNonNull(tag, "tag"));
  }

  /** The watermarks the operator emitted so far, in order. */
  public List<Long> watermarks() {
    return output.watermarks();
  }

  /** What the operator emitted since the last call (or {@link #clearOutput}), which it clears. */
  RecordingOutput.Emissions takeEmissions() {
    return output.take();
  }

  /** Forgets everything recorded so far, so that the next assertions see only what follows. */
  public void clearOutput() {
    output.clear();
  }

  /**
   * One call into the operator, outside any record. A failure leaves the harness FAILED, as it
   * fails a job, and is pinned on the operator as the runtime pins it.
   */
  void call(OperatorCall call) {
    try {
      call.run();
    } catch (Exception e) {
      phase = Phase.FAILED;
      throw context.failureOf(e);
    }
  }

  /** {@link #call(OperatorCall)} for a call that processes {@code record}, pinned on it too. */
  void callOnRecord(OperatorCall call, Object record) {
    try {
      call.run();
    } catch (Exception e) {
      phase = Phase.FAILED;
      throw context.failureOf(e, record);
    }
  }


  @FunctionalInterface
  interface OperatorCall {
    void run() throws Exception;
  }

  /**
   * Rejects {@code value} if {@code selector} (null: every key is owned) gives it a key of another
   * subtask, since a job would never deliver it here. {@code input} names the input, or is empty.
   */
  void checkKeyOwned(KeySelector<Object, Object> selector, Object value, String input) {
    if (selector == null) {
      return;
    }
    Object key;
    try {
      key = selector.getKey(value);
    } catch (Exception e) {
      return; // the operator calls the selector too and reports the failure, pinned on the record
    }
    if (key == null) {
      return; // likewise: the operator's failure on a null key is the one a job would report
    }
    int keyGroup = KeyGroups.keyGroupOf(key, maxParallelism);
    if (!keyGroups.contains(keyGroup)) {
      int owner = KeyGroups.subtaskOf(keyGroup, maxParallelism, parallelism);
      throw new IllegalArgumentException("key " + key + input + " is in key group " + keyGroup
          + ", owned by subtask " + owner + " of " + parallelism + ", not by this harness's subtask "
          + subtaskIndex + " " + keyGroups + ": a job would never send this record here");
    }
  }

  void checkPhase(Phase expected, String what) {
    if (phase != expected) {
      throw new IllegalStateException(what + "; the operator is " + switch (phase) {
        case CREATED -> "not open yet: call open() first";
        case OPEN -> "already open";
        case FINISHED -> "finished: endInput() was called";
        case FAILED -> "failed, and a failed operator only gets close(), as in a job";
        case CLOSED -> "closed";
      });
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + operatorName + " (subtask " + subtaskIndex + " of "
        + parallelism + "), " + phase + "}";
  }

  /** Temporary folders of harnesses: removed on close (state) or when the JVM exits (checkpoints). */
  static final class TempDirectories {
    private static final List<Path> AT_EXIT = new ArrayList<>();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        synchronized (AT_EXIT) {
          AT_EXIT.forEach(TempDirectories::delete);
        }
      }, "runnel-harness-cleanup"));
    }

    private TempDirectories() {}

    static Path create(String prefix) {
      try {
        Path dir = Files.createTempDirectory(prefix);
        synchronized (AT_EXIT) {
          AT_EXIT.add(dir);
        }
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static void delete(Path dir) {
      if (!Files.exists(dir)) {
        return;
      }
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // best effort: a temporary folder left behind is not a test failure
      }
    }
  }
}
