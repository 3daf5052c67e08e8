package dev.runnel.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeOrderTest {
  @Test
  void when_aChannelIsAheadInEventTime_then_itIsHeldUntilTheOthersCatchUp() {
    EventTimeOrder order = new EventTimeOrder(3);
    order.onWatermark(0, 10);
    assertThat(order.isHeld(0)).isTrue();
    order.onWatermark(1, 20);
    order.onWatermark(2, 5);
    assertThat(order.isHeld(0)).isTrue();
    assertThat(order.isHeld(1)).isTrue();
    assertThat(order.isHeld(2)).isFalse();
    order.onWatermark(2, 10);
    assertThat(order.isHeld(0)).isFalse();
    assertThat(order.isHeld(2)).isFalse();
    assertThat(order.isHeld(1)).isTrue();
  }

  @Test
  void when_channelsEnd_then_theyHoldNothingBack() {
    EventTimeOrder order = new EventTimeOrder(2);
    order.onWatermark(0, 50);
    assertThat(order.isHeld(0)).isTrue();
    order.onEnd(1);
    assertThat(order.isHeld(0)).isFalse();
    assertThat(order.isHeld(1)).isFalse();
  }

  @Test
  void when_appliedToAGate_then_exactlyTheChannelsAheadAreBlocked() {
    EventTimeOrder order = new EventTimeOrder(3);
    InputGate gate = new InputGate(List.of(new Channel(), new Channel(), new Channel()));
    order.onWatermark(0, 7);
    order.onWatermark(1, 3);
    order.onWatermark(2, 3);
    order.applyTo(gate);
    assertThat(gate.isBlocked(0)).isTrue();
    assertThat(gate.isBlocked(1)).isFalse();
    assertThat(gate.isBlocked(2)).isFalse();
  }
}
