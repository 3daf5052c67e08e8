package dev.runnel.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelTest {

  @Test
  void when_queueFull_then_noRoomUntilConsumerDrains() {
    Channel c = new Channel();
    int fits = Channel.BATCH_SIZE * Channel.QUEUE_BATCHES;
    for (int i = 0; i < fits; i++) {
      c.add(i, i);
    }
    assertThat(c.hasRoom()).isTrue();
    c.add(-1, 0);
    c.add(-2, 0);
    assertThat(c.flush()).isFalse(); // the partial batch has nowhere to go
    assertThat(c.hasRoom()).isFalse();

    ElementBatch first = c.poll();
    assertThat(first.size()).isEqualTo(Channel.BATCH_SIZE);
    assertThat(first.element(0)).isEqualTo(0);
    assertThat(first.timestamp(7)).isEqualTo(7);
    c.recycle(first);
    assertThat(c.hasRoom()).isTrue();
  }

  @Test
  void when_flushed_then_partialBatchIsVisibleInOrder() {
    Channel c = new Channel();
    c.add("a", 1);
    c.add(new Watermark(5), Long.MIN_VALUE);
    c.add("b", 2);
    assertThat(c.poll()).isNull();
    assertThat(c.flush()).isTrue();
    ElementBatch batch = c.poll();
    assertThat(batch.size()).isEqualTo(3);
    assertThat(batch.element(0)).isEqualTo("a");
    assertThat(batch.element(1)).isInstanceOf(Watermark.class);
    assertThat(batch.element(2)).isEqualTo("b");
  }

  @Test
  void when_batchRecycled_then_itIsReusedEmptyAndHoldsNoReferences() {
    Channel c = new Channel();
    c.add("x", 0);
    c.flush();
    ElementBatch batch = c.poll();
    c.recycle(batch);
    assertThat(batch.isEmpty()).isTrue();
    c.add("y", 0);
    c.flush();
    assertThat(c.poll()).isSameAs(batch);
  }
}
