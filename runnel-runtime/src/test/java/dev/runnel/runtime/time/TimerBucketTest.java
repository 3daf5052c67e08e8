package dev.runnel.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerBucketTest {
  /** Random adds, removes and polls against a LinkedHashSet, through growing and shrinking. */
  @Test
  void when_randomOperations_then_itBehavesAsAnInsertionOrderedSet() {
    for (long seed = 0; seed < 50; seed++) {
      Random random = new Random(seed);
      TimerBucket<String> bucket = new TimerBucket<>(7);
      LinkedHashSet<TimerKey<String>> model = new LinkedHashSet<>();
      int range = 1 + random.nextInt(3_000); // few distinct timers: many duplicates and misses
      for (int op = 0; op < 20_000; op++) {
        // phases that fill the bucket and phases that drain it
        boolean filling = (op / 2_000) % 2 == 0;
        TimerKey<String> timer =
            new TimerKey<>(7, (long) random.nextInt(range), "n" + random.nextInt(2));
        int kind = random.nextInt(10);
        if (kind < (filling ? 6 : 2)) {
          assertThat(bucket.add(timer)).isEqualTo(model.add(timer));
        } else if (kind < 9) {
          if (!model.isEmpty() && random.nextBoolean()) {
            timer = new ArrayList<>(model).get(random.nextInt(model.size()));
          }
          assertThat(bucket.remove(timer)).isEqualTo(model.remove(timer));
        } else if (!model.isEmpty()) {
          TimerKey<String> first = model.iterator().next();
          model.remove(first);
          assertThat(bucket.pollFirst()).isEqualTo(first);
        }
        assertThat(bucket.size()).isEqualTo(model.size());
        assertThat(bucket.capacity()).as("seed %d", seed)
            .isLessThanOrEqualTo(Math.max(16, 8 * model.size()));
      }
      List<TimerKey<String>> inBucket = new ArrayList<>();
      bucket.forEach(inBucket::add);
      assertThat(inBucket).as("seed %d", seed).containsExactlyElementsOf(model);
      while (!model.isEmpty()) {
        TimerKey<String> first = model.iterator().next();
        model.remove(first);
        assertThat(bucket.pollFirst()).isEqualTo(first);
      }
      assertThat(bucket.isEmpty()).isTrue();
    }
  }

  @Test
  void when_everyTimerIsPolled_then_theyComeInRegistrationOrder() {
    TimerBucket<String> bucket = new TimerBucket<>(1);
    for (long key = 0; key < 1_000; key++) {
      bucket.add(new TimerKey<>(1, key, "w"));
    }
    for (long key = 0; key < 1_000; key += 3) {
      bucket.remove(new TimerKey<>(1, key, "w"));
    }
    bucket.add(new TimerKey<>(1, 0L, "w")); // removed before: now last
    for (long key = 1; key < 1_000; key++) {
      if (key % 3 != 0) {
        assertThat(bucket.pollFirst()).isEqualTo(new TimerKey<>(1, key, "w"));
      }
    }
    assertThat(bucket.pollFirst()).isEqualTo(new TimerKey<>(1, 0L, "w"));
    assertThat(bucket.isEmpty()).isTrue();
  }
}
