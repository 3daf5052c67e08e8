package dev.runnel.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.runtime.exchange.Watermark;
import org.junit.jupiter.api.Test;

/** Where barriers go in event time when some sources have already ended. */
class EventTimeBarriersTest {
  @Test
  void when_aSourceEndedAheadOfTheOthers_then_itsLastWatermarkStillBoundsTheCheckpointsTime() {
    EventTimeBarriers barriers = new EventTimeBarriers();
    int ended = barriers.register();
    int live = barriers.register();
    barriers.afterWatermark(ended, 100);
    barriers.afterWatermark(ended, Watermark.END_OF_TIME);
    barriers.afterWatermark(live, 50);

    barriers.trigger(1);

    // At 50 the live source would put its barrier before records the ended source's channel
    // is ahead of; the checkpoint's time is 100, the ended source's last watermark.
    assertThat(barriers.afterWatermark(live, 80)).isEmpty();
    assertThat(barriers.afterWatermark(live, 100)).isEmpty();
    assertThat(barriers.afterWatermark(live, 101)).containsExactly(1L);
    // Nothing is left to wait for: the ended source emits no barrier.
    assertThat(barriers.toString()).endsWith("0 pending");
  }

  @Test
  void when_everyLiveSourceHasPassedTheTime_then_theCheckpointIsNoLongerPending() {
    EventTimeBarriers barriers = new EventTimeBarriers();
    int a = barriers.register();
    int b = barriers.register();
    barriers.afterWatermark(a, 10);
    barriers.afterWatermark(b, 20);
    barriers.trigger(1);

    assertThat(barriers.afterWatermark(a, 21)).containsExactly(1L);
    assertThat(barriers.toString()).endsWith("1 pending");
    // b ends before passing 20 in a watermark of its own: the end of time is above it.
    assertThat(barriers.afterWatermark(b, Watermark.END_OF_TIME)).containsExactly(1L);
    assertThat(barriers.toString()).endsWith("0 pending");
    assertThat(barriers.due(a)).isEmpty();
  }
}
