package dev.runnel.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.state.KeyContext;
import dev.runnel.runtime.state.KeyGroupRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InternalTimerServiceTest {
  private final KeyContext keys = new KeyContext(new KeyGroupRange(0, 127), 128);
  private final List<TimerKey<String>> fired = new ArrayList<>();
  /** Runs after each event-time timer fired, with the timer; tests set it to act from a timer. */
  private Consumer<TimerKey<String>> onFire = t -> {};
  private final InternalTimerService<String> timers =
      new InternalTimerService<>(keys, null, null, new Triggerable<>() {
        @Override
        public void onEventTime(TimerKey<String> timer) {
          assertThat(keys.currentKey()).isEqualTo(timer.key());
          fired.add(timer);
          onFire.accept(timer);
        }

        @Override
        public void onProcessingTime(TimerKey<String> timer) {
          throw new AssertionError("no processing-time timers here");
        }
      });

  @Test
  void when_timersAreDeletedOverAndOver_then_theHeapStaysBoundedAndLiveTimersFire()
      throws Exception {
    // A session per key extended 1,000 times: each extension deletes the old timer.
    for (int i = 0; i < 1_000; i++) {
      for (long key = 0; key < 100; key++) {
        keys.setCurrentKey(key);
        if (i > 0) {
          timers.deleteEventTimeTimer("w" + (i - 1), 1_000 + i - 1);
        }
        timers.registerEventTimeTimer("w" + i, 1_000 + i);
      }
      // one time with live timers; the heap keeps the emptied times' entries until a rebuild
      assertThat(timers.eventBucketCount()).isEqualTo(1);
      assertThat(timers.eventQueueSize())
          .isLessThanOrEqualTo(2 * 1 + InternalTimerService.PURGE_SLACK);
    }
    assertThat(timers.eventTimerCount()).isEqualTo(100);
    timers.advanceWatermark(1_998);
    assertThat(fired).isEmpty();
    timers.advanceWatermark(1_999);
    assertThat(fired).hasSize(100)
        .allMatch(t -> t.timestamp() == 1_999 && t.namespace().equals("w999"));
    assertThat(timers.eventTimerCount()).isZero();
  }

  @Test
  void when_aDeletedTimerIsRegisteredAgain_then_itFiresOnce() throws Exception {
    keys.setCurrentKey("k");
    timers.registerEventTimeTimer("w", 10);
    timers.deleteEventTimeTimer("w", 10);
    timers.registerEventTimeTimer("w", 10);
    for (int i = 0; i < 500; i++) { // force heap rebuilds while time 10 has two heap entries
      timers.registerEventTimeTimer("x" + i, 5);
      timers.deleteEventTimeTimer("x" + i, 5);
    }
    timers.advanceWatermark(100);
    assertThat(fired).containsExactly(new TimerKey<>(10, "k", "w"));
  }

  /** Random registers, deletes and watermarks against a model of the live timers. */
  @Test
  void when_randomOperations_then_exactlyTheLiveTimersFireInTimeOrder() throws Exception {
    Random random = new Random(7);
    Set<TimerKey<String>> model = new HashSet<>();
    long watermark = Long.MIN_VALUE;
    int maxQueue = 0;
    for (int op = 0; op < 50_000; op++) {
      long key = random.nextInt(20);
      keys.setCurrentKey(key);
      int kind = random.nextInt(100);
      long base = Math.max(watermark, 0);
      if (kind < 45) {
        long time = base + 1 + random.nextInt(50);
        String ns = "n" + random.nextInt(5);
        timers.registerEventTimeTimer(ns, time);
        model.add(new TimerKey<>(time, key, ns));
      } else if (kind < 98) {
        if (!model.isEmpty() && random.nextInt(4) > 0) { // mostly live ones: stale entries pile up
          List<TimerKey<String>> live = new ArrayList<>(model);
          TimerKey<String> t = live.get(random.nextInt(live.size()));
          keys.setCurrentKey(t.key());
          timers.deleteEventTimeTimer(t.namespace(), t.timestamp());
          model.remove(t);
        } else {
          long time = base + 1 + random.nextInt(50);
          String ns = "n" + random.nextInt(5);
          timers.deleteEventTimeTimer(ns, time);
          model.remove(new TimerKey<>(time, key, ns));
        }
        maxQueue = Math.max(maxQueue, timers.eventQueueSize());
      } else {
        watermark = base + random.nextInt(20);
        fired.clear();
        timers.advanceWatermark(watermark);
        long w = watermark;
        List<TimerKey<String>> due = model.stream().filter(t -> t.timestamp() <= w).toList();
        assertThat(fired).as("op " + op).containsExactlyInAnyOrderElementsOf(due);
        for (int i = 1; i < fired.size(); i++) {
          assertThat(fired.get(i).timestamp()).isGreaterThanOrEqualTo(fired.get(i - 1).timestamp());
        }
        model.removeAll(due);
      }
      assertThat(timers.eventTimerCount()).isEqualTo(model.size());
    }
    assertThat(maxQueue).as("the heap reached a rebuild")
        .isGreaterThan(InternalTimerService.PURGE_SLACK);
  }

  @Test
  void when_timersShareATime_then_theyFireInRegistrationOrder() throws Exception {
    keys.setCurrentKey("b");
    timers.registerEventTimeTimer("x", 20);
    timers.registerEventTimeTimer("y", 10);
    keys.setCurrentKey("a");
    timers.registerEventTimeTimer("x", 10);
    timers.registerEventTimeTimer("z", 20);
    keys.setCurrentKey("c");
    timers.registerEventTimeTimer("x", 10);
    keys.setCurrentKey("b");
    timers.registerEventTimeTimer("y", 10); // already there: keeps its place
    timers.deleteEventTimeTimer("x", 20);
    timers.registerEventTimeTimer("x", 20); // deleted and registered again: goes last

    timers.advanceWatermark(20);

    assertThat(fired).containsExactly(
        new TimerKey<>(10, "b", "y"), new TimerKey<>(10, "a", "x"), new TimerKey<>(10, "c", "x"),
        new TimerKey<>(20, "a", "z"), new TimerKey<>(20, "b", "x"));
  }

  @Test
  void when_aFiringTimerRegistersAtItsOwnTimeOrEarlier_then_thoseFireInTheSameAdvance()
      throws Exception {
    keys.setCurrentKey("k");
    timers.registerEventTimeTimer("a", 10);
    timers.registerEventTimeTimer("b", 10);
    timers.registerEventTimeTimer("c", 12);
    onFire = t -> {
      if (t.namespace().equals("a")) {
        timers.registerEventTimeTimer("a2", 10); // the time being fired: after b
        timers.registerEventTimeTimer("a3", 5); // already past: next
        timers.registerEventTimeTimer("a4", 11); // before c
        timers.registerEventTimeTimer("late", 13); // after the watermark: not now
      } else if (t.namespace().equals("b")) {
        timers.registerEventTimeTimer("b2", 10); // the bucket is empty now: a fresh one
      }
    };

    timers.advanceWatermark(12);

    assertThat(fired).extracting(TimerKey::namespace)
        .containsExactly("a", "a3", "b", "a2", "b2", "a4", "c");
    assertThat(timers.eventTimerCount()).isEqualTo(1);
    fired.clear();
    timers.advanceWatermark(13);
    assertThat(fired).containsExactly(new TimerKey<>(13, "k", "late"));
  }

  @Test
  void when_aFiringTimerDeletesOneOfItsTimeNotYetFired_then_thatOneNeverFires() throws Exception {
    keys.setCurrentKey("k");
    timers.registerEventTimeTimer("a", 10);
    timers.registerEventTimeTimer("b", 10);
    timers.registerEventTimeTimer("c", 10);
    timers.registerEventTimeTimer("d", 20);
    keys.setCurrentKey("other");
    timers.registerEventTimeTimer("b", 10);
    onFire = t -> {
      if (t.namespace().equals("a")) {
        timers.deleteEventTimeTimer("b", 10); // same key (the current one), same time
      } else if (t.namespace().equals("c")) {
        timers.deleteEventTimeTimer("d", 20); // the last of its bucket
      }
    };

    timers.advanceWatermark(100);

    assertThat(fired).containsExactly(new TimerKey<>(10, "k", "a"), new TimerKey<>(10, "k", "c"),
        new TimerKey<>(10, "other", "b"));
    assertThat(timers.eventTimerCount()).isZero();
    assertThat(timers.eventBucketCount()).isZero();
    assertThat(timers.eventQueueSize()).isZero();
  }

  @Test
  void when_timersChurnOverManyTimes_then_bucketsAndHeapStayBounded() throws Exception {
    keys.setCurrentKey("k");
    // Like a session extended by every element: each registration moves the timer to a new time.
    for (long t = 1; t <= 100_000; t++) {
      timers.registerEventTimeTimer("s", t);
      if (t > 1) {
        timers.deleteEventTimeTimer("s", t - 1);
      }
      // a timer registered and deleted at once, at times that never repeat
      timers.registerEventTimeTimer("tmp", 1_000_000 + t);
      timers.deleteEventTimeTimer("tmp", 1_000_000 + t);
      assertThat(timers.eventBucketCount()).isEqualTo(1);
      // at most twice the one bucket plus the slack after a delete, and one more time since
      assertThat(timers.eventQueueSize())
          .isLessThanOrEqualTo(2 * 1 + InternalTimerService.PURGE_SLACK + 1);
    }
    assertThat(timers.eventTimerCount()).isEqualTo(1);
    timers.advanceWatermark(Long.MAX_VALUE);
    assertThat(fired).containsExactly(new TimerKey<>(100_000, "k", "s"));
    assertThat(timers.eventQueueSize()).isZero();
  }

  @Test
  void when_snapshotAndRestored_then_theSameTimersFireInBothDomains() throws Exception {
    KeyGroupRange all = new KeyGroupRange(0, 127);
    long[] clock = {0};
    ProcessingTimeService clockBefore = new ProcessingTimeService(() -> clock[0]);
    List<TimerKey<String>> firedBefore = new ArrayList<>();
    InternalTimerService<String> before =
        new InternalTimerService<>(keys, clockBefore, null, recorder(keys, firedBefore));
    for (long key = 0; key < 50; key++) {
      keys.setCurrentKey(key);
      before.registerEventTimeTimer("w" + key % 3, 100 + key % 7);
      before.registerEventTimeTimer("gone", 100);
      before.deleteEventTimeTimer("gone", 100);
      before.registerProcessingTimeTimer("p", 1_000 + key % 5);
    }
    before.advanceWatermark(101); // fires some, so that the snapshot has the rest only
    assertThat(firedBefore).hasSize(15);
    firedBefore.clear();
    OperatorSnapshotWriter writer = new OperatorSnapshotWriter(1, all, 128);
    before.snapshot(writer, "timers");

    KeyContext keysAfter = new KeyContext(all, 128);
    ProcessingTimeService clockAfter = new ProcessingTimeService(() -> clock[0]);
    List<TimerKey<String>> firedAfter = new ArrayList<>();
    InternalTimerService<String> after =
        new InternalTimerService<>(keysAfter, clockAfter, null, recorder(keysAfter, firedAfter));
    List<TimerEntry> restored = after.restore(
        new OperatorStateReader(List.of(writer.toData()), 0, 1, all), "timers");

    assertThat(restored).hasSize(35 + 50);
    assertThat(after.eventTimerCount()).isEqualTo(35);
    assertThat(after.processingTimerCount()).isEqualTo(50);
    assertThat(clockAfter.nextTime()).isEqualTo(1_000);
    for (InternalTimerService<String> t : List.of(before, after)) {
      t.advanceWatermark(Long.MAX_VALUE);
    }
    clock[0] = 2_000;
    clockBefore.fireDue();
    clockAfter.fireDue();
    // the same timers in the same time order; within a time the restore's order may differ
    assertThat(firedAfter).hasSize(35 + 50).containsExactlyInAnyOrderElementsOf(firedBefore);
    assertThat(firedAfter).extracting(TimerKey::timestamp)
        .containsExactlyElementsOf(firedBefore.stream().map(TimerKey::timestamp).toList());
    assertThat(after.eventTimerCount()).isZero();
    assertThat(after.processingTimerCount()).isZero();
  }

  private static Triggerable<String> recorder(KeyContext keys, List<TimerKey<String>> fired) {
    return new Triggerable<>() {
      @Override
      public void onEventTime(TimerKey<String> timer) {
        assertThat(keys.currentKey()).isEqualTo(timer.key());
        fired.add(timer);
      }

      @Override
      public void onProcessingTime(TimerKey<String> timer) {
        assertThat(keys.currentKey()).isEqualTo(timer.key());
        fired.add(timer);
      }
    };
  }

  /**
   * Random registers, deletes and watermarks over many seeds, with timers that register and
   * delete timers while they fire, against a model: the pending timers in a list in registration
   * order, where the next to fire is the first one of the earliest time.
   */
  @Test
  void when_randomOperationsOverManySeeds_then_exactlyTheModelsTimersFireInItsOrder()
      throws Exception {
    for (long seed = 0; seed < 300; seed++) {
      new ModelRun(seed).run();
    }
  }

  private static final class ModelRun implements Triggerable<String> {
    final long seed;
    final Random random;
    final KeyContext keys = new KeyContext(new KeyGroupRange(0, 127), 128);
    final InternalTimerService<String> timers = new InternalTimerService<>(keys, null, null, this);
    final List<TimerKey<String>> model = new ArrayList<>();
    long watermark; // the one being advanced to
    int fired;

    ModelRun(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
    }

    void run() throws Exception {
      long base = 0;
      int ops = 200 + random.nextInt(2_000);
      for (int op = 0; op < ops; op++) {
        int kind = random.nextInt(100);
        if (kind < 50) {
          register(base - 3 + random.nextInt(40)); // some in the past: they fire next time
        } else if (kind < 90) {
          delete();
        } else {
          base += random.nextInt(15);
          advance(base);
        }
        assertThat(timers.eventTimerCount()).as("seed %d", seed).isEqualTo(model.size());
      }
      advance(Long.MAX_VALUE);
      assertThat(model).isEmpty();
      assertThat(timers.eventTimerCount()).isZero();
      assertThat(timers.eventBucketCount()).isZero();
      assertThat(timers.eventQueueSize()).isZero();
    }

    void register(long time) {
      String key = "k" + random.nextInt(4);
      String namespace = "n" + random.nextInt(3);
      keys.setCurrentKey(key);
      timers.registerEventTimeTimer(namespace, time);
      TimerKey<String> timer = new TimerKey<>(time, key, namespace);
      if (!model.contains(timer)) {
        model.add(timer);
      }
    }

    void delete() {
      TimerKey<String> timer;
      if (!model.isEmpty() && random.nextInt(3) > 0) {
        timer = model.get(random.nextInt(model.size()));
      } else { // mostly not a pending one
        timer = new TimerKey<>(
            random.nextInt(100), "k" + random.nextInt(4), "n" + random.nextInt(3));
      }
      keys.setCurrentKey(timer.key());
      timers.deleteEventTimeTimer(timer.namespace(), timer.timestamp());
      model.remove(timer);
    }

    void advance(long to) throws Exception {
      watermark = to;
      timers.advanceWatermark(to);
      assertThat(model).as("seed %d: due but not fired", seed)
          .noneMatch(t -> t.timestamp() <= to);
    }

    /** The model's next timer: the first registered of the earliest time. */
    TimerKey<String> next() {
      TimerKey<String> next = null;
      for (TimerKey<String> t : model) {
        if (next == null || t.timestamp() < next.timestamp()) {
          next = t;
        }
      }
      return next;
    }

    @Override
    public void onEventTime(TimerKey<String> timer) {
      TimerKey<String> expected = next();
      assertThat(timer).as("seed %d, fired timer %d", seed, fired).isEqualTo(expected);
      assertThat(timer.timestamp()).isLessThanOrEqualTo(watermark);
      assertThat(keys.currentKey()).isEqualTo(timer.key());
      model.remove(expected);
      fired++;
      int action = random.nextInt(10);
      if (action < 3) { // at, before or after the time being fired; maybe past the watermark
        register(timer.timestamp() - 2 + random.nextInt(8));
      } else if (action < 5) {
        delete();
      }
    }

    @Override
    public void onProcessingTime(TimerKey<String> timer) {
      throw new AssertionError("no processing-time timers here");
    }
  }
}
