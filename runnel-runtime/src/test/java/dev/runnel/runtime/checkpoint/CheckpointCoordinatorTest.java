package dev.runnel.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.checkpoint.CheckpointConfig;
import dev.runnel.api.connector.Committer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's rules, on a manual clock: no test sleeps, and every step happens exactly when
 * the test moves time or acknowledges.
 */
class CheckpointCoordinatorTest {
  private static final String JOB = "job";
  private static final long FIRST = 1;

  @TempDir
  Path dir;

  private final ManualCheckpointScheduler clock = new ManualCheckpointScheduler();
  private final List<List<Object>> commits = new ArrayList<>();
  private final List<Throwable> fatal = new ArrayList<>();
  private CheckpointStorage storage;

  /** A subtask as the coordinator sees it: remembers what it was told. */
  static final class Subtask implements CheckpointCoordinator.Participant {
    final String uid;
    final int index;
    final List<Long> triggered = new ArrayList<>();
    final List<Long> completed = new ArrayList<>();

    Subtask(String uid, int index) {
      this.uid = uid;
      this.index = index;
    }

    @Override
    public void triggerCheckpoint(long checkpointId) {
      triggered.add(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      completed.add(checkpointId);
    }
  }

  @BeforeEach
  void setUp() {
    storage = new CheckpointStorage(dir, JOB);
  }

  private CheckpointCoordinator coordinator(CheckpointConfig config) {
    Committer<Object> committer = committables -> commits.add(new ArrayList<>(committables));
    return new CheckpointCoordinator(JOB, config, storage, "heap", 128,
        List.of(new CheckpointCoordinator.OperatorInfo("source", "source", 2),
            new CheckpointCoordinator.OperatorInfo("sink", "sink", 1)),
        FIRST, Map.of("sink", committer), fatal::add, clock);
  }

  private static CheckpointConfig config(Duration interval) {
    // Several retained, so that tests can look at older checkpoints.
    return new CheckpointConfig(interval).setTimeout(Duration.ofMinutes(10))
        .setRetainedCheckpoints(5);
  }

  /** Writes a subtask's state file into {@code folder}; its acknowledgement. */
  private static List<CheckpointCoordinator.OperatorAck> state(Path folder, Subtask s,
      String content, Object... committables) throws IOException {
    String name = s.uid + "-" + s.index + ".op";
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Files.write(folder.resolve(name), bytes);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return List.of(new CheckpointCoordinator.OperatorAck(s.uid,
        new CheckpointMetadata.SubtaskState(s.index, new StateFile(name, bytes.length,
            crc.getValue()), null), List.of(committables)));
  }

  private static void ack(CheckpointCoordinator c, Subtask s, long id, Object... committables)
      throws IOException {
    c.acknowledge(s, id, state(c.folderOf(id), s, s.uid + s.index + "@" + id, committables));
  }

  private static void finish(CheckpointCoordinator c, Subtask s, Object... committables)
      throws IOException {
    c.finished(s, state(c.finishedStateFolder(), s, s.uid + s.index + " final", committables));
  }

  private boolean complete(long id) {
    return Files.exists(storage.checkpointDirectory(id).resolve(CheckpointStorage.METADATA_FILE));
  }

  private String stateOf(long id, Subtask s) throws Exception {
    Path folder = storage.checkpointDirectory(id);
    CheckpointMetadata m = CheckpointStorage.load(folder); // checks every file's length and CRC
    for (CheckpointMetadata.SubtaskState st : m.operator(s.uid).subtasks()) {
      if (st.subtask() == s.index) {
        return Files.readString(folder.resolve(st.file().name()));
      }
    }
    throw new AssertionError(s.uid + "-" + s.index + " has no state in checkpoint " + id);
  }

  @Test
  void when_intervalPasses_then_sourcesAreTriggeredAndOthersAreNot() {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask source = new Subtask("source", 0);
    Subtask sink = new Subtask("sink", 0);
    c.register(source, true);
    c.register(sink, false);
    c.start();

    clock.advance(Duration.ofMillis(999));
    assertThat(source.triggered).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(source.triggered).containsExactly(FIRST);
    assertThat(sink.triggered).isEmpty();
  }

  @Test
  void when_allAcknowledge_then_metadataIsWrittenCommittedAndTold() throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask source = new Subtask("source", 0);
    Subtask sink = new Subtask("sink", 0);
    c.register(source, true);
    c.register(sink, false);
    c.start();
    clock.advance(Duration.ofSeconds(1));

    ack(c, source, 1);
    clock.runDue();
    assertThat(complete(1)).isFalse(); // the sink has not answered
    ack(c, sink, 1, "tx-1");
    assertThat(complete(1)).isFalse(); // completing is the coordinator thread's work
    clock.runDue();

    assertThat(complete(1)).isTrue();
    assertThat(commits).containsExactly(List.of("tx-1"));
    assertThat(source.completed).containsExactly(1L);
    assertThat(sink.completed).containsExactly(1L);
    assertThat(c.latestCompleted()).isEqualTo(storage.checkpointDirectory(1));
    assertThat(stateOf(1, sink)).isEqualTo("sink0@1");
  }

  @Test
  void when_aCheckpointIsInFlight_then_noOtherStartsAndTheIntervalRunsStartToStart()
      throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask source = new Subtask("source", 0);
    c.register(source, true);
    c.start();
    clock.advance(Duration.ofSeconds(1)); // checkpoint 1 at t=1s

    clock.advance(Duration.ofMillis(2500)); // t=3.5s
    assertThat(source.triggered).containsExactly(1L);
    ack(c, source, 1);
    clock.runDue();
    assertThat(complete(1)).isTrue();

    // More than an interval has passed since checkpoint 1 started: the next goes at the next tick.
    clock.advance(Duration.ofMillis(50));
    assertThat(source.triggered).containsExactly(1L, 2L);
  }

  @Test
  void when_minimumPauseIsLongerThanTheInterval_then_itCountsFromTheEndOfTheLastCheckpoint()
      throws Exception {
    CheckpointConfig config = config(Duration.ofSeconds(1))
        .setMinPauseBetweenCheckpoints(Duration.ofSeconds(2));
    CheckpointCoordinator c = coordinator(config);
    Subtask source = new Subtask("source", 0);
    c.register(source, true);
    c.start();
    // The pause counts from the start too: not at t=1s, the interval, but at t=2s.
    clock.advance(Duration.ofMillis(1999));
    assertThat(source.triggered).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(source.triggered).containsExactly(1L);
    clock.advance(Duration.ofMillis(500));
    ack(c, source, 1);
    clock.runDue(); // ends at t=2.5s

    clock.advance(Duration.ofMillis(2000).minusNanos(1)); // just before t=4.5s
    assertThat(source.triggered).containsExactly(1L);
    clock.advance(Duration.ofNanos(1));
    assertThat(source.triggered).containsExactly(1L, 2L);
  }

  @Test
  void when_aCheckpointTimesOut_then_itIsAbortedAndLateAcknowledgementsAreIgnored()
      throws Exception {
    CheckpointCoordinator c = coordinator(
        config(Duration.ofSeconds(1)).setTimeout(Duration.ofMillis(500)));
    Subtask source = new Subtask("source", 0);
    Subtask sink = new Subtask("sink", 0);
    c.register(source, true);
    c.register(sink, false);
    c.start();
    clock.advance(Duration.ofSeconds(1));
    ack(c, source, 1);
    Path folder = c.folderOf(1);

    clock.advance(Duration.ofMillis(499));
    assertThat(c.folderOf(1)).isEqualTo(folder);
    clock.advance(Duration.ofMillis(1));
    assertThat(c.folderOf(1)).isNull();
    assertThat(folder).doesNotExist();

    c.acknowledge(sink, 1, List.of()); // late: ignored
    clock.runDue();
    assertThat(folder).doesNotExist();
    assertThat(commits).isEmpty();

    // The job goes on: the next checkpoint starts an interval after the aborted one started.
    clock.advance(Duration.ofMillis(499));
    assertThat(source.triggered).containsExactly(1L);
    clock.advance(Duration.ofMillis(1));
    assertThat(source.triggered).containsExactly(1L, 2L);
  }

  @Test
  void when_aSubtaskDeclines_then_theCheckpointIsAbortedAndTheNextOneComesOnTime()
      throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask source = new Subtask("source", 0);
    Subtask sink = new Subtask("sink", 0);
    c.register(source, true);
    c.register(sink, false);
    c.start();
    clock.advance(Duration.ofSeconds(1));
    ack(c, source, 1);
    Path folder = c.folderOf(1);

    c.decline(1, new IOException("disk full"));
    assertThat(folder).doesNotExist();
    c.acknowledge(sink, 1, List.of(new CheckpointCoordinator.OperatorAck("sink",
        new CheckpointMetadata.SubtaskState(0, null, null), List.of("tx"))));
    clock.runDue();
    assertThat(commits).isEmpty();
    assertThat(fatal).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(source.triggered).containsExactly(1L, 2L);
  }

  @Test
  void when_aSavepointIsAskedForDuringACheckpoint_then_itStartsAsSoonAsThatOneCompletes()
      throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(10)));
    Subtask source = new Subtask("source", 0);
    c.register(source, true);
    c.start();
    clock.advance(Duration.ofSeconds(10));
    CompletableFuture<Path> savepoint = c.triggerSavepoint(dir.resolve("sp"));
    assertThat(source.triggered).containsExactly(1L);

    ack(c, source, 1);
    clock.runDue();
    // The savepoint does not wait for the interval.
    assertThat(source.triggered).containsExactly(1L, 2L);
    assertThat(savepoint).isNotDone();
    ack(c, source, 2);
    clock.runDue();

    assertThat(savepoint).isCompletedWithValue(dir.resolve("sp").resolve("savepoint-2"));
    assertThat(CheckpointStorage.load(savepoint.get()).kind()).isEqualTo(CheckpointKind.SAVEPOINT);
    // A savepoint is not a checkpoint to restart from.
    assertThat(c.latestCompleted()).isEqualTo(storage.checkpointDirectory(1));
  }

  @Test
  void when_aSourceHasFinished_then_laterCheckpointsSkipItAndHoldItsFinalState()
      throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask bounded = new Subtask("source", 0);
    Subtask endless = new Subtask("source", 1);
    Subtask sink = new Subtask("sink", 0);
    c.register(bounded, true);
    c.register(endless, true);
    c.register(sink, false);
    c.start();

    finish(c, bounded);
    clock.advance(Duration.ofSeconds(1));
    assertThat(bounded.triggered).isEmpty();
    assertThat(endless.triggered).containsExactly(1L);
    ack(c, endless, 1);
    ack(c, sink, 1);
    clock.runDue();
    assertThat(complete(1)).isTrue();
    assertThat(CheckpointStorage.load(storage.checkpointDirectory(1)).finished()).isFalse();
    assertThat(stateOf(1, bounded)).isEqualTo("source0 final");

    clock.advance(Duration.ofSeconds(1));
    ack(c, endless, 2);
    ack(c, sink, 2);
    clock.runDue();
    assertThat(stateOf(2, bounded)).isEqualTo("source0 final");
    assertThat(stateOf(2, endless)).isEqualTo("source1@2");
    // A finished subtask is not told of completions: nothing would read them.
    assertThat(bounded.completed).isEmpty();
    assertThat(endless.completed).containsExactly(1L, 2L);

    // Each checkpoint folder holds its own copy: deleting one never breaks another.
    CheckpointStorage.discard(storage.checkpointDirectory(1));
    assertThat(stateOf(2, bounded)).isEqualTo("source0 final");
  }

  @Test
  void when_aSourceFinishesBeforeItsBarrier_then_itsFinalStateAnswersTheCheckpointInFlight()
      throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask bounded = new Subtask("source", 0);
    Subtask endless = new Subtask("source", 1);
    c.register(bounded, true);
    c.register(endless, true);
    c.start();
    clock.advance(Duration.ofSeconds(1));
    assertThat(bounded.triggered).containsExactly(1L);

    ack(c, endless, 1);
    finish(c, bounded); // its input ended before it got to barrier 1
    clock.runDue();

    assertThat(complete(1)).isTrue();
    assertThat(stateOf(1, bounded)).isEqualTo("source0 final");
  }

  @Test
  void when_aSubtaskAcknowledgedThenFinished_then_itsOwnAcknowledgementStands()
      throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask bounded = new Subtask("source", 0);
    Subtask endless = new Subtask("source", 1);
    c.register(bounded, true);
    c.register(endless, true);
    c.start();
    clock.advance(Duration.ofSeconds(1));
    ack(c, bounded, 1);
    finish(c, bounded);
    ack(c, endless, 1);
    clock.runDue();

    assertThat(stateOf(1, bounded)).isEqualTo("source0@1");
    clock.advance(Duration.ofSeconds(1));
    ack(c, endless, 2);
    clock.runDue();
    assertThat(stateOf(2, bounded)).isEqualTo("source0 final");
  }

  @Test
  void when_aSinkFinishes_then_itsLastCommittablesAreCommittedOnceAndKeptInLaterCheckpoints()
      throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask source = new Subtask("source", 0);
    Subtask finishing = new Subtask("sink", 0);
    Subtask running = new Subtask("sink", 1);
    c.register(source, true);
    c.register(finishing, false);
    c.register(running, false);
    c.start();

    finish(c, finishing, "last-0");
    clock.advance(Duration.ofSeconds(1));
    ack(c, source, 1);
    c.decline(1, new IOException("disk full")); // the first checkpoint with it is aborted
    clock.advance(Duration.ofSeconds(1));
    ack(c, source, 2);
    ack(c, running, 2, "tx-2");
    clock.runDue();
    clock.advance(Duration.ofSeconds(1));
    ack(c, source, 3);
    ack(c, running, 3, "tx-3");
    clock.runDue();

    // Committed with the first checkpoint that completed with it, and never again.
    assertThat(commits).containsExactly(List.of("tx-2", "last-0"), List.of("tx-3"));
    // Still in the state of later checkpoints, for a restore to recover (idempotently).
    assertThat(stateOf(3, finishing)).isEqualTo("sink0 final");
  }

  @Test
  void when_everySourceHasFinished_then_noPeriodicCheckpointStartsAndTheFinalOneFollowsTheRest()
      throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask source = new Subtask("source", 0);
    Subtask sink = new Subtask("sink", 0);
    c.register(source, true);
    c.register(sink, false);
    c.start();
    clock.advance(Duration.ofSeconds(1));
    ack(c, source, 1);
    ack(c, sink, 1, "tx-1");
    clock.runDue();

    finish(c, source);
    clock.advance(Duration.ofSeconds(5));
    assertThat(storage.checkpointFolders()).containsExactly(storage.checkpointDirectory(1));
    assertThat(c.finalCheckpoint()).isNotDone();

    finish(c, sink, "last");
    clock.runDue();
    assertThat(c.finalCheckpoint()).isCompletedWithValue(storage.checkpointDirectory(2));
    CheckpointMetadata last = CheckpointStorage.load(storage.checkpointDirectory(2));
    assertThat(last.finished()).isTrue();
    assertThat(stateOf(2, source)).isEqualTo("source0 final");
    assertThat(commits).containsExactly(List.of("tx-1"), List.of("last"));
    assertThat(c.triggerSavepoint(dir.resolve("sp"))).isCompletedExceptionally();

    Path staging = c.finishedStateFolder();
    c.shutdown();
    assertThat(staging).doesNotExist();
    assertThat(complete(2)).isTrue();
  }

  @Test
  void when_theLastSubtaskFinishesDuringACheckpoint_then_itCompletesAndTheFinalOneComesAfter()
      throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask bounded = new Subtask("source", 0);
    Subtask other = new Subtask("source", 1);
    Subtask sink = new Subtask("sink", 0);
    c.register(bounded, true);
    c.register(other, true);
    c.register(sink, false);
    c.start();
    finish(c, bounded);
    clock.advance(Duration.ofSeconds(1));
    ack(c, other, 1);

    finish(c, other);
    finish(c, sink, "last");
    clock.runDue();

    assertThat(complete(1)).isTrue();
    assertThat(c.finalCheckpoint()).isCompletedWithValue(storage.checkpointDirectory(2));
    assertThat(CheckpointStorage.load(storage.checkpointDirectory(2)).finished()).isTrue();
    assertThat(stateOf(1, sink)).isEqualTo("sink0 final");
    assertThat(commits).containsExactly(List.of("last")); // with checkpoint 1 only
    assertThat(c.latestCompleted()).isEqualTo(storage.checkpointDirectory(2));
  }

  @Test
  void when_aFinishingSubtaskCannotWriteItsFinalState_then_theJobFails() throws Exception {
    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));
    Subtask source = new Subtask("source", 0);
    c.register(source, true);
    c.start();
    clock.advance(Duration.ofSeconds(1));
    Path folder = c.folderOf(1);

    c.finishFailed(source, new IOException("disk full"));

    assertThat(fatal).hasSize(1);
    assertThat(fatal.get(0)).hasMessageContaining("final state").hasMessageContaining("disk full");
    assertThat(folder).doesNotExist();
    assertThat(c.finalCheckpoint()).isCompletedExceptionally();
  }

  @Test
  void when_anEarlierRunLeftFinalStatesBehind_then_aNewCoordinatorDeletesThem() throws Exception {
    Path stale = storage.finishedStateDirectory("7-killed");
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("x-0.op"), "left by a killed process");

    CheckpointCoordinator c = coordinator(config(Duration.ofSeconds(1)));

    assertThat(stale).doesNotExist();
    // and the folder is not mistaken for a checkpoint
    assertThat(storage.checkpointFolders()).isEmpty();
    c.shutdown();
  }
}
