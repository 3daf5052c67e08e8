package dev.runnel.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(fired).hasSize(100).allMatch(t -> t.timestamp() == 1_999 && t.namespace().equals("w999"));
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
    assertThat(maxQueue).as("the heap reached a rebuild").isGreaterThan(InternalTimerService.PURGE_SLACK);
  }
}
