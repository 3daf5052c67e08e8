package dev.runnel.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpscQueueTest {

  @Test
  void when_full_then_offerFailsUntilPolled() {
    SpscQueue<Integer> q = new SpscQueue<>(4);
    for (int i = 0; i < 4; i++) {
      assertThat(q.offer(i)).isTrue();
    }
    assertThat(q.offer(99)).isFalse();
    assertThat(q.hasRoom()).isFalse();
    assertThat(q.poll()).isZero();
    assertThat(q.hasRoom()).isTrue();
    assertThat(q.offer(4)).isTrue();
    assertThat(q.size()).isEqualTo(4);
    for (int i = 1; i <= 4; i++) {
      assertThat(q.poll()).isEqualTo(i);
    }
    assertThat(q.poll()).isNull();
  }

  @Test
  void when_capacityNotPowerOfTwo_then_roundedUp() {
    assertThat(new SpscQueue<>(5).capacity()).isEqualTo(8);
    assertThat(new SpscQueue<>(1).capacity()).isEqualTo(1);
  }

  /** Two threads, random pauses on both sides: every element arrives once, in order. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void when_producerAndConsumerRace_then_fifoWithoutLossOrDuplicates(long seed) throws Exception {
    SpscQueue<Integer> q = new SpscQueue<>(16);
    int n = 200_000;
    AtomicReference<Throwable> error = new AtomicReference<>();
    Thread producer = new Thread(() -> {
      Random r = new Random(seed);
      for (int i = 0; i < n; ) {
        if (q.offer(i)) {
          i++;
        } else if (r.nextInt(4) == 0) {
          Thread.yield();
        }
      }
    });
    producer.start();
    Random r = new Random(~seed);
    int expected = 0;
    while (expected < n) {
      Integer v = q.poll();
      if (v == null) {
        if (r.nextInt(4) == 0) {
          Thread.yield();
        }
        continue;
      }
      if (v != expected) {
        error.set(new AssertionError("expected " + expected + " got " + v));
        break;
      }
      expected++;
    }
    producer.join();
    assertThat(error.get()).isNull();
    assertThat(q.poll()).isNull();
  }
}
