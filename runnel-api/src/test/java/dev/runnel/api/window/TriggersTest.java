package dev.runnel.api.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TriggersTest {
  private final TimeWindow window = new TimeWindow(0, 100);
  private final FakeTriggerContext ctx = new FakeTriggerContext();

  @Test
  void eventTimeTriggerRegistersTheEndAndFiresThere() throws Exception {
    EventTimeTrigger t = EventTimeTrigger.create();
    assertThat(t.onElement("x", 5, window, ctx)).isEqualTo(TriggerResult.CONTINUE);
    assertThat(ctx.eventTimers).containsExactly(99L);
    assertThat(t.onEventTime(50, window, ctx)).isEqualTo(TriggerResult.CONTINUE);
    assertThat(t.onEventTime(99, window, ctx)).isEqualTo(TriggerResult.FIRE);
    t.clear(window, ctx);
    assertThat(ctx.eventTimers).isEmpty();
  }

  @Test
  void eventTimeTriggerFiresAtOnceForAnElementAfterTheEnd() throws Exception {
    ctx.watermark = 99;
    assertThat(EventTimeTrigger.create().onElement("x", 5, window, ctx))
        .isEqualTo(TriggerResult.FIRE);
    assertThat(ctx.eventTimers).isEmpty();
  }

  @Test
  void processingTimeTriggerFiresOnItsTimer() throws Exception {
    ProcessingTimeTrigger t = ProcessingTimeTrigger.create();
    assertThat(t.onElement("x", 5, window, ctx)).isEqualTo(TriggerResult.CONTINUE);
    assertThat(ctx.processingTimers).containsExactly(99L);
    assertThat(t.onProcessingTime(99, window, ctx)).isEqualTo(TriggerResult.FIRE);
  }

  @Test
  void countTriggerFiresEveryNAndRestarts() throws Exception {
    CountTrigger t = CountTrigger.of(3);
    StringBuilder results = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      results.append(t.onElement("x", i, window, ctx).isFire() ? 'F' : '.');
    }
    assertThat(results.toString()).isEqualTo("..F..F.");
    t.clear(window, ctx);
    assertThat(ctx.values).isEmpty();
  }

  @Test
  void purgingTriggerTurnsFireIntoFireAndPurge() throws Exception {
    Trigger<Object, Window> t = PurgingTrigger.of(CountTrigger.of(1));
    assertThat(t.onElement("x", 1, window, ctx)).isEqualTo(TriggerResult.FIRE_AND_PURGE);
    assertThat(PurgingTrigger.of(EventTimeTrigger.create()).onEventTime(50, window, ctx))
        .isEqualTo(TriggerResult.CONTINUE);
  }

  @Test
  void continuousEventTimeTriggerFiresEveryIntervalAndAtTheEnd() throws Exception {
    ContinuousEventTimeTrigger t = ContinuousEventTimeTrigger.of(Duration.ofMillis(30));
    assertThat(t.onElement("x", 5, window, ctx)).isEqualTo(TriggerResult.CONTINUE);
    assertThat(ctx.eventTimers).containsExactly(30L, 99L);
    assertThat(t.onEventTime(30, window, ctx)).isEqualTo(TriggerResult.FIRE);
    assertThat(ctx.eventTimers).containsExactly(30L, 60L, 99L);
    assertThat(t.onEventTime(60, window, ctx)).isEqualTo(TriggerResult.FIRE);
    assertThat(t.onEventTime(90, window, ctx)).isEqualTo(TriggerResult.FIRE);
    assertThat(ctx.values).containsValue(99L); // 120 is capped at the window's end
    assertThat(t.onEventTime(99, window, ctx)).isEqualTo(TriggerResult.FIRE);
    t.clear(window, ctx);
    assertThat(ctx.values).isEmpty();
  }

  @Test
  void continuousProcessingTimeTriggerFiresEveryInterval() throws Exception {
    ContinuousProcessingTimeTrigger t = ContinuousProcessingTimeTrigger.of(Duration.ofMillis(40));
    ctx.processingTime = 17;
    t.onElement("x", 0, window, ctx);
    assertThat(ctx.processingTimers).containsExactly(40L);
    assertThat(t.onProcessingTime(40, window, ctx)).isEqualTo(TriggerResult.FIRE);
    assertThat(ctx.processingTimers).contains(80L);
    assertThat(t.onProcessingTime(55, window, ctx)).isEqualTo(TriggerResult.CONTINUE);
  }
}
