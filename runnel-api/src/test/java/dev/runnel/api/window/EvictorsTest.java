package dev.runnel.api.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvictorsTest {
  private static final Evictor.Context CTX = new Evictor.Context() {
    @Override
    public long currentProcessingTime() {
      return 0;
    }

    @Override
    public long currentWatermark() {
      return 0;
    }
  };

  private static List<TimestampedValue<Object>> elements(long... timestamps) {
    List<TimestampedValue<Object>> list = new ArrayList<>();
    for (long t : timestamps) {
      list.add(new TimestampedValue<>("e" + t, t));
    }
    return list;
  }

  @Test
  void countEvictorKeepsTheLastN() {
    List<TimestampedValue<Object>> list = elements(1, 2, 3, 4, 5);
    CountEvictor.of(2).evictBefore(list, list.size(), GlobalWindow.get(), CTX);
    assertThat(list).extracting(TimestampedValue::timestamp).containsExactly(4L, 5L);
  }

  @Test
  void countEvictorCanEvictAfterTheFunction() {
    List<TimestampedValue<Object>> list = elements(1, 2, 3);
    CountEvictor evictor = CountEvictor.of(1, true);
    evictor.evictBefore(list, list.size(), GlobalWindow.get(), CTX);
    assertThat(list).hasSize(3);
    evictor.evictAfter(list, list.size(), GlobalWindow.get(), CTX);
    assertThat(list).extracting(TimestampedValue::timestamp).containsExactly(3L);
  }

  @Test
  void timeEvictorKeepsWhatIsWithinTheSpanOfTheNewest() {
    List<TimestampedValue<Object>> list = elements(10, 50, 45, 20, 41);
    TimeEvictor.of(Duration.ofMillis(10)).evictBefore(list, list.size(), GlobalWindow.get(), CTX);
    assertThat(list).extracting(TimestampedValue::timestamp).containsExactly(50L, 45L, 41L);
  }
}
